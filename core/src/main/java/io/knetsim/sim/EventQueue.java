package io.knetsim.sim;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Timer}s keyed by (time, sequence). Each timer remembers its
 * heap slot so that cancellation is O(log n) instead of a scan or a tombstone.
 */
final class EventQueue {
    private Timer[] heap = new Timer[64];
    private int size;

    int size() {
        return size;
    }

    boolean isEmpty() {
        return size == 0;
    }

    Timer peek() {
        return size == 0 ? null : heap[0];
    }

    void add(Timer t) {
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        siftUp(size++, t);
    }

    Timer poll() {
        Timer top = heap[0];
        Timer last = heap[--size];
        heap[size] = null;
        if (size > 0) {
            siftDown(0, last);
        }
        top.heapIndex = -1;
        return top;
    }

    void remove(Timer t) {
        int i = t.heapIndex;
        Timer last = heap[--size];
        heap[size] = null;
        t.heapIndex = -1;
        if (i == size) {
            return;
        }
        siftDown(i, last);
        if (heap[i] == last) {
            siftUp(i, last);
        }
    }

    private void siftUp(int i, Timer t) {
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!t.before(p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = t;
        t.heapIndex = i;
    }

    private void siftDown(int i, Timer t) {
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && heap[right].before(c)) {
                child = right;
                c = heap[child];
            }
            if (!c.before(t)) {
                break;
            }
            heap[i] = c;
            c.heapIndex = i;
            i = child;
        }
        heap[i] = t;
        t.heapIndex = i;
    }
}
