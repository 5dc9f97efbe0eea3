import './scalars.js';
import './viewer.js';
import './room.js';
import './member.js';
import './user.js';
import './state-event.js';
import './delete-task.js';
import './room-event.js';
import { builder } from '../builder.js';

export const schema = builder.toSchema();
