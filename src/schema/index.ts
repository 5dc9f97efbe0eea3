import './scalars.js';
import './server.js';
import './rooms.js';
import './member.js';
import './users.js';
import './state-event.js';
import './delete-tasks.js';
import './scheduled-tasks.js';
import './federation.js';
import './event-reports.js';
import './room-event.js';
import './jobs.js';
import './audit.js';
import { builder } from '../builder.js';

export const schema = builder.toSchema();
