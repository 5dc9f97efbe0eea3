import { graphql } from '../../test/gql/index.js';

// What the job scripts ask the gateway. One shape of a job for the plan, the follow and the summary, so that every
// event the scripts print (or write as JSON) has the same fields.

export const ScriptJobFields = graphql(`
  fragment ScriptJobFields on Job {
    id kind status phase dryRun createdBy createdAt startedAt finishedAt options error
    progress { total pending running done failed skipped cancelled }
    adminsToHandle { userId }
  }
`);

export const ScriptPlanPurgeEmptyRooms = graphql(`
  mutation ScriptPlanPurgeEmptyRooms($options: PurgeEmptyRoomsOptions) {
    planPurgeEmptyRooms(options: $options) { ...ScriptJobFields }
  }
`);

export const ScriptPlanDecommission = graphql(`
  mutation ScriptPlanDecommission($options: DecommissionOptions) {
    planDecommission(options: $options) { ...ScriptJobFields }
  }
`);

export const ScriptStartJob = graphql(`
  mutation ScriptStartJob($id: ID!) { startJob(id: $id) { ...ScriptJobFields } }
`);

export const ScriptResumeJob = graphql(`
  mutation ScriptResumeJob($id: ID!) { resumeJob(id: $id) { ...ScriptJobFields } }
`);

export const ScriptJob = graphql(`
  query ScriptJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }
`);

// Pages of 1000, the most the gateway gives: a plan of 100,000 rooms is 100 requests.
export const ScriptJobItems = graphql(`
  query ScriptJobItems($id: ID!, $after: String, $status: JobItemStatus) {
    job(id: $id) {
      items(first: 1000, after: $after, status: $status) {
        totalCount
        pageInfo { hasNextPage endCursor }
        edges { node { target action phase status attempts error skippedReason review } }
      }
    }
  }
`);

export const ScriptFollowJob = graphql(`
  subscription ScriptFollowJob($id: ID!) { job(id: $id) { ...ScriptJobFields } }
`);
