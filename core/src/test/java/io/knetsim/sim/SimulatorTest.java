package io.knetsim.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event loop as a scenario sees it.
 *
 * <pre>
 *   t=0        t=5 (a, then b: scheduled first, runs first)        t=9
 *   |----------|------------------------------------------------------|
 * </pre>
 */
class SimulatorTest {
    private final Simulator sim = new Simulator(1);
    private final List<String> log = new ArrayList<>();

    private Runnable note(String s) {
        return () -> log.add(s + "@" + sim.now());
    }

    @Test
    void eventsRunByTimeThenInSchedulingOrder() {
        sim.at(9, note("late"));
        sim.at(5, note("a"));
        sim.after(5, note("b"));
        sim.at(5, note("c"));
        sim.at(0, note("first"));

        sim.runUntilIdle();

        assertThat(log).containsExactly("first@0", "a@5", "b@5", "c@5", "late@9");
        assertThat(sim.now()).isEqualTo(9);
        assertThat(sim.executedEvents()).isEqualTo(5);
    }

    @Test
    void afterIsRelativeToNowAndZeroDelayRunsAfterEventsAlreadyDue() {
        sim.at(10, () -> {
            log.add("outer@" + sim.now());
            sim.after(0, note("zero"));
            sim.after(3, note("three"));
        });
        sim.at(10, note("sibling"));

        sim.runUntilIdle();

        assertThat(log).containsExactly("outer@10", "sibling@10", "zero@10", "three@13");
    }

    @Test
    void cancelledTimersNeverRunWhetherRootOrMiddle() {
        Timer root = sim.at(1, note("root"));
        Timer t2 = sim.at(2, note("t2"));
        Timer middle = sim.at(3, note("middle"));
        sim.at(4, note("t4"));
        sim.at(5, note("t5"));
        Timer last = sim.at(6, note("last"));

        root.cancel();
        middle.cancel();
        last.cancel();

        assertThat(root.isPending()).isFalse();
        assertThat(middle.isPending()).isFalse();
        assertThat(t2.isPending()).isTrue();
        assertThat(sim.pendingEvents()).isEqualTo(3);

        sim.runUntilIdle();

        assertThat(log).containsExactly("t2@2", "t4@4", "t5@5");
        assertThat(t2.isPending()).isFalse();
    }

    @Test
    void cancelIsANoOpAfterFiringAndTwice() {
        Timer t = sim.at(1, note("once"));
        sim.runUntilIdle();
        t.cancel();
        t.cancel();
        Timer u = sim.at(2, note("never"));
        u.cancel();
        u.cancel();
        sim.runUntilIdle();

        assertThat(log).containsExactly("once@1");
        assertThat(t.time()).isEqualTo(1);
    }

    @Test
    void anEventMayCancelALaterOne() {
        Timer victim = sim.at(7, note("victim"));
        sim.at(3, victim::cancel);
        sim.runUntilIdle();
        assertThat(log).isEmpty();
        assertThat(sim.now()).isEqualTo(3);
    }

    @Test
    void runUntilSetsTheClockEvenWithNoEvents() {
        sim.runUntil(SimTime.ms(250));
        assertThat(sim.now()).isEqualTo(250_000_000L);

        sim.runFor(SimTime.us(5));
        assertThat(sim.now()).isEqualTo(250_005_000L);
    }

    @Test
    void runUntilRunsEventsDueAtTheTargetAndLeavesLaterOnes() {
        sim.at(10, note("due"));
        sim.at(11, note("later"));

        sim.runUntil(10);

        assertThat(log).containsExactly("due@10");
        assertThat(sim.pendingEvents()).isEqualTo(1);
        assertThat(sim.now()).isEqualTo(10);
    }

    @Test
    void runWhileStopsWhenConditionFailsOrReturnsFalseWhenQueueDrains() {
        for (int i = 1; i <= 5; i++) {
            sim.at(i, note("e" + i));
        }
        assertThat(sim.runWhile(() -> log.size() < 2)).isTrue();
        assertThat(log).hasSize(2);

        assertThat(sim.runWhile(() -> true)).isFalse();
        assertThat(log).hasSize(5);
        assertThat(sim.now()).isEqualTo(5);
    }

    @Test
    void stepRunsOneEventAndReportsAnEmptyQueue() {
        sim.at(4, note("only"));
        assertThat(sim.step()).isTrue();
        assertThat(sim.step()).isFalse();
        assertThat(log).containsExactly("only@4");
    }

    @Test
    void negativeDelayAndPastTimeAreRejected() {
        sim.runUntil(100);
        assertThatThrownBy(() -> sim.after(-1, note("x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("negative delay");
        assertThatThrownBy(() -> sim.at(99, note("x")))
            .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("before now 100");
        assertThatThrownBy(() -> sim.setEventBudget(0)).isInstanceOf(IllegalArgumentException.class);
        assertThat(sim.pendingEvents()).isZero();
    }

    @Test
    void aTimerThatReArmsItselfForeverIsStoppedWithTheVirtualTime() {
        sim.setEventBudget(100);
        Runnable[] tick = new Runnable[1];
        tick[0] = () -> sim.after(SimTime.us(1), tick[0]);
        sim.after(0, tick[0]);

        assertThatThrownBy(sim::runUntilIdle)
            .isInstanceOf(SimulationRunawayException.class)
            .hasMessageContaining("more than 100 events")
            .hasMessageContaining("virtual time 100000 ns");
    }

    @Test
    void theBudgetAppliesPerRunCall() {
        sim.setEventBudget(3);
        for (int i = 0; i < 3; i++) {
            sim.at(i, note("a" + i));
        }
        sim.runUntilIdle();
        for (int i = 0; i < 3; i++) {
            sim.after(1, note("b" + i));
        }
        sim.runUntilIdle();
        assertThat(log).hasSize(6);
    }

    @Test
    void randomStreamsComeFromTheSeedAndTheName() {
        long a = new Simulator(7).random("C0w1/eth0/loss").nextLong();
        long b = new Simulator(7).random("C0w1/eth0/loss").nextLong();
        long c = new Simulator(8).random("C0w1/eth0/loss").nextLong();
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
        assertThat(new Simulator(7).seed()).isEqualTo(7);
    }
}
