package io.inlay.neural.training;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntToDoubleFunction;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.ops.transforms.Transforms;

/**
 * Adam (Kingma and Ba, "Adam: a method for stochastic optimization", ICLR 2015; beta1 0.9, beta2 0.999, eps 1e-8)
 * over named variables of a SameDiff graph, the learning rate of step t (1, 2, ...) given by a schedule. The one
 * optimiser of the project's ND4J trainers (TrainNlf, TrainLipMlp, TrainBiCnn).
 */
final class Adam {
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;

    private final SameDiff sd;
    private final List<String> names;
    private final IntToDoubleFunction rate;
    private final Map<String, INDArray> m = new HashMap<>();
    private final Map<String, INDArray> v = new HashMap<>();
    private int t;

    Adam(SameDiff sd, List<String> names, IntToDoubleFunction rate) {
        this.sd = sd;
        this.names = List.copyOf(names);
        this.rate = rate;
        for (String n : names) {
            m.put(n, sd.getVariable(n).getArr().ulike().assign(0));
            v.put(n, sd.getVariable(n).getArr().ulike().assign(0));
        }
    }

    /**
     * {@code lr * gamma^(t - 1)}, ramped linearly over the first {@code warmup} steps (0: none). The ramp: Adam's
     * first steps move every weight by about lr, whatever its gradient, which disturbs a good start (TrainNlf's
     * linear start lost 0.2 dB of luma gain in 40 steps at 3e-4).
     */
    static IntToDoubleFunction exponential(double lr, double gamma, int warmup) {
        return t -> (warmup > 0 ? Math.min(1.0, t / (double) warmup) : 1.0) * lr * Math.pow(gamma, t - 1);
    }

    /** One step on the gradients of the graph's loss for {@code placeholders}. */
    void step(Map<String, INDArray> placeholders) {
        Map<String, INDArray> g = sd.calculateGradients(placeholders, names);
        t++;
        double a = rate.applyAsDouble(t) * Math.sqrt(1 - Math.pow(B2, t)) / (1 - Math.pow(B1, t));
        for (String n : names) {
            INDArray gr = g.get(n);
            INDArray mm = m.get(n).muli(B1).addi(gr.mul(1 - B1));
            INDArray vv = v.get(n).muli(B2).addi(gr.mul(gr).muli(1 - B2));
            INDArray sq = Transforms.sqrt(vv, true).addi(1e-8);
            INDArray upd = mm.div(sq).muli(a);
            sd.getVariable(n).getArr().subi(upd);
            sq.close();
            upd.close();
            gr.close();
        }
        if (t % 20 == 0) {
            // ND4J frees off-heap buffers when their Java objects are collected: without this the process grows
            // by gigabytes per minute.
            System.gc();
        }
    }

    /** Steps taken. */
    int steps() {
        return t;
    }
}
