import test from 'ava';
import { dpPlanner, DpOptionError, solveDp, StateLimitError, whyUnsupported } from '@rddl/planner-dp';
import { compileText } from '../support/sim-helpers.js';
import { corpusInstance, financeInstance } from './helpers.js';

const sysadmin = () => corpusInstance('competitions/IPPC2011/SysAdmin/MDP/instance1.rddl');

test('the state limit stops the search and reports the size found and the nominal size', (t) => {
  const reason = whyUnsupported(sysadmin(), { stateLimit: 100 }).reason;
  t.truthy(reason);
  t.regex(reason!, /more than 100 states \(option stateLimit\): 1024 found reachable within 1 of 40 steps/);
  t.regex(reason!, /its 10 discrete state fluents allow 1\.024e\+3 discrete states/);
  t.throws(() => solveDp(sysadmin(), { stateLimit: 100 }), { instanceOf: StateLimitError });
});

test('in grid mode the limit counts discrete states times grid points', (t) => {
  const reason = whyUnsupported(financeInstance('gbwm', 'gbwm_1'), { grid: 'das', stateLimit: 1000 }).reason;
  t.regex(reason ?? '', /more than 1000 states.*\(\d+ discrete states times 200 grid points\)/);
});

test('the work limit is checked from an estimate while the states are explored', (t) => {
  t.regex(whyUnsupported(financeInstance('gbwm', 'gbwm_1'), { workLimit: 100_000 }).reason ?? '', /^solving needs more than 2\.\d+e\+6 outcome evaluations \(802 states found within 1 step so far\) against a limit of 1\.00e\+5 \(option workLimit\)$/);
  // Past the first step the estimate counts every state the search has found.
  t.regex(whyUnsupported(financeInstance('gbwm', 'gbwm_1'), { workLimit: 5_000_000 }).reason ?? '', /^solving needs (about|more than) [\d.]+e\+6 outcome evaluations .*against a limit of 5\.00e\+6 \(option workLimit\)$/);
});

test('the outcome limit of one state and action', (t) => {
  t.regex(whyUnsupported(sysadmin(), { outcomeLimit: 100 }).reason ?? '', /more than 100 outcomes \(option outcomeLimit\)/);
});

test('too many continuous state fluents', (t) => {
  t.regex(whyUnsupported(financeInstance('asset_allocation', 'asset_allocation_1')).reason ?? '', /4 continuous state fluents \(weight___a1, .*\); grid mode handles at most 2/);
});

test('a multivariate draw is refused with its location', (t) => {
  const compiled = compileText(`
domain dirichlet_mini {
  types { asset : object; };
  pvariables {
    ALPHA(asset) : { non-fluent, real, default = 1.0 };
    w(asset) : { state-fluent, real, default = 0.5 };
    a : { action-fluent, bool, default = false };
  };
  cpfs { w'(?x) = Dirichlet[?x](ALPHA(_)); };
  reward = sum_{?x : asset} w(?x);
}
instance dirichlet_mini_1 { domain = dirichlet_mini; objects { asset : { a1, a2 }; }; max-nondef-actions = 1; horizon = 2; discount = 1.0; }
`);
  t.regex(whyUnsupported(compiled).reason ?? '', /^the multivariate distribution Dirichlet at inline\.rddl:9:\d+ \(dynamic programming handles scalar expressions only\)$/);
});

test('the planner factory: supports with and without options', (t) => {
  const gbwm = financeInstance('gbwm', 'gbwm_1');
  t.is(dpPlanner.supports!(gbwm), undefined);
  t.is(dpPlanner.supports!(gbwm, { ...dpPlanner.defaults, grid: 'das' }), undefined);
  t.regex(dpPlanner.supports!(sysadmin(), { ...dpPlanner.defaults, stateLimit: 10 }) ?? '', /more than 10 states/);
});

test('options are checked', (t) => {
  const gbwm = financeInstance('gbwm', 'gbwm_1');
  t.throws(() => solveDp(gbwm, { grid: 'bogus' }), { instanceOf: DpOptionError, message: /grid must be one of auto, das/ });
  t.throws(() => solveDp(gbwm, { points: 1 }), { instanceOf: DpOptionError });
  t.regex(whyUnsupported(gbwm, { lower: 'x' as unknown as number }).reason ?? '', /option lower must be a number/);
});
