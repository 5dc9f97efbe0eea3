/** Every item and audit entry of a job, page by page through the gateway's GraphQL (the chaos tests' checks). */

export type Ask = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

export interface AuditView {
  id: string;
  action: string;
  target: string | null;
  outcome: 'PENDING' | 'OK' | 'FAILED';
  errorCode: string | null;
  message: string | null;
}

interface Page<T> {
  edges: { node: T }[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}

async function allPages<T>(read: (after: string | null) => Promise<Page<T>>): Promise<T[]> {
  const all: T[] = [];
  for (let after: string | null = null; ; ) {
    const page: Page<T> = await read(after);
    all.push(...page.edges.map((edge) => edge.node));
    if (!page.pageInfo.hasNextPage) return all;
    after = page.pageInfo.endCursor;
  }
}

/** The job's items with these fields. */
export function allItems<T>(ask: Ask, jobId: string, fields: string): Promise<T[]> {
  return allPages(async (after) => {
    const page = await ask<{ job: { items: Page<T> } }>(
      `query ($id: ID!, $after: String) { job(id: $id) { items(first: 1000, after: $after) { edges { node { ${fields} } } pageInfo { hasNextPage endCursor } } } }`,
      { id: jobId, after },
    );
    return page.job.items;
  });
}

export function allAuditEntries(ask: Ask, jobId: string): Promise<AuditView[]> {
  return allPages(async (after) => {
    const page = await ask<{ auditLog: Page<AuditView> }>(
      `query ($jobId: ID!, $after: String) { auditLog(jobId: $jobId, first: 1000, after: $after) { edges { node { id action target outcome errorCode message } } pageInfo { hasNextPage endCursor } } }`,
      { jobId, after },
    );
    return page.auditLog;
  });
}
