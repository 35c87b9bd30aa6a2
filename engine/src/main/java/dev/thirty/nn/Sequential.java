package dev.thirty.nn;

import dev.thirty.autograd.GradMode;
import dev.thirty.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Layers applied in order, registered as children {@code "0"}, {@code "1"}, ... or under names of
 * their own ({@link #builder()}: {@code conv1}, {@code pool1}, ...), which then prefix their
 * parameters in the state dict ({@code conv1.weight}), as in a PyTorch {@code nn.Sequential} built
 * from an {@code OrderedDict}.
 */
public final class Sequential extends Module implements Layer {

    private final List<Layer> layers = new ArrayList<>();
    private final List<String> names = new ArrayList<>();

    public Sequential(Module... modules) {
        for (Module m : modules) {
            add(Integer.toString(layers.size()), m);
        }
    }

    private Sequential(List<String> names, List<Module> modules) {
        for (int i = 0; i < modules.size(); i++) {
            add(names.get(i), modules.get(i));
        }
    }

    private void add(String name, Module m) {
        if (!(m instanceof Layer layer)) {
            throw new IllegalArgumentException("Sequential: " + m.getClass().getSimpleName()
                    + " does not map one tensor to one tensor (it is not a Layer)");
        }
        child(name, m);
        names.add(name);
        layers.add(layer);
    }

    /** A builder of a sequence of named layers. */
    public static Builder builder() {
        return new Builder();
    }

    /** Collects named layers in order; names must be unique, non-empty and free of dots. */
    public static final class Builder {

        private final List<String> names = new ArrayList<>();
        private final List<Module> modules = new ArrayList<>();

        private Builder() {
        }

        public Builder add(String name, Module layer) {
            if (name == null || layer == null) {
                throw new IllegalArgumentException("Sequential.Builder: a layer needs a name and a module");
            }
            names.add(name);
            modules.add(layer);
            return this;
        }

        public Sequential build() {
            return new Sequential(names, modules);
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

    /**
     * The output of layer {@code name}: the layers up to and including it applied to {@code x}, e.g.
     * the last hidden layer's features of a classifier.
     *
     * @throws IllegalArgumentException when no layer has that name
     */
    public Tensor forwardThrough(String name, Tensor x) {
        int last = names.indexOf(name);
        if (last < 0) {
            throw new IllegalArgumentException("Sequential: no layer named '" + name + "'; layers are " + names);
        }
        Tensor h = x;
        for (int i = 0; i <= last; i++) {
            h = layers.get(i).forward(h);
        }
        return h;
    }

    public int size() {
        return layers.size();
    }

    /** The layers' names, in order. */
    public List<String> names() {
        return Collections.unmodifiableList(names);
    }

    /** The module at position {@code i}. */
    public Module get(int i) {
        return (Module) layers.get(i);
    }

    /** The module named {@code name}. */
    public Module get(String name) {
        int i = names.indexOf(name);
        if (i < 0) {
            throw new IllegalArgumentException("Sequential: no layer named '" + name + "'; layers are " + names);
        }
        return get(i);
    }

    /**
     * The layer table: for each layer its name, what it is, the shape it outputs for an input of
     * {@code inputShape} (batch included) and its parameter count, then the total, as Markdown. Runs one
     * forward pass on zeros without recording gradients, so it also checks that the shapes fit.
     */
    public String table(int... inputShape) {
        StringBuilder sb = new StringBuilder("| layer | what | output | parameters |\n|---|---|---|---:|\n");
        sb.append("| input | | ").append(shapeText(inputShape)).append(" | |\n");
        GradMode.noGrad(() -> {
            Tensor h = Tensor.zeros(inputShape);
            for (int i = 0; i < layers.size(); i++) {
                h = layers.get(i).forward(h);
                Module m = get(i);
                sb.append("| ").append(names.get(i)).append(" | ").append(firstLine(m.summary())).append(" | ")
                        .append(shapeText(h.shape().dims())).append(" | ")
                        .append(m.parameterCount() == 0 ? "" : String.format("%,d", m.parameterCount())).append(" |\n");
            }
        });
        return sb.append("| total | | | ").append(String.format("%,d", parameterCount())).append(" |\n").toString();
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    private static String shapeText(int[] dims) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < dims.length; i++) {
            sb.append(i == 0 ? "" : " x ").append(dims[i]);
        }
        return sb.toString();
    }
}
