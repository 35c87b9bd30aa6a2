package dev.thirty.nn;

import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;

/** Layers applied in order; registered as children {@code "0"}, {@code "1"}, ... */
public final class Sequential extends Module implements Layer {

    private final List<Layer> layers = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            if (!(m instanceof Layer layer)) {
                throw new IllegalArgumentException("Sequential: " + m.getClass().getSimpleName()
                        + " does not map one tensor to one tensor (it is not a Layer)");
            }
            child(Integer.toString(layers.size()), m);
            layers.add(layer);
        }
    }

    @Override
    public Tensor forward(Tensor x) {
        Tensor h = x;
        for (Layer layer : layers) {
            h = layer.forward(h);
        }
        return h;
    }

    public int size() {
        return layers.size();
    }
}
