/**
 * Scenarios: a world described in typed Java ({@link io.knetsim.scenarios.scenario.Scenario#builder()})
 * or in a YAML file that maps one-to-one onto it ({@link io.knetsim.scenarios.scenario.ScenarioYaml}),
 * built by {@link io.knetsim.scenarios.scenario.ScenarioWorld} and run step by step by
 * {@link io.knetsim.scenarios.scenario.StepRunner}. The format is documented in docs/scenarios.md.
 */
package io.knetsim.scenarios.scenario;
