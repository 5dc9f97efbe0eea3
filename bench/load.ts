// autocannon in a process of its own: argv[2] is its options as JSON; prints the result as JSON.
import autocannon from 'autocannon';

const options = JSON.parse(process.argv[2] ?? '{}') as autocannon.Options;
const result = await autocannon(options);
console.log(
  JSON.stringify({
    requests: result.requests.total,
    errors: result.errors + result.non2xx,
    duration: result.duration,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    mean: result.latency.mean,
  }),
);
