package dev.thirty.nn;

import dev.thirty.tensor.Parameter;
import dev.thirty.tensor.Tensor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The base of every model part: it owns named parameters and child modules, registered in the
 * constructor, and a train/eval {@link Mode} shared down the tree.
 *
 * <p>Names compose with dots, as in PyTorch's state dict: a module registered as {@code "attn"}
 * inside one registered as {@code "blocks.0"} gives {@code blocks.0.attn.qkv.weight}. A
 * {@link Parameter} or child held in a field but never registered is a bug that silently freezes
 * weights; {@link #unregistered()} finds such fields, and the tests call it for every module.
 */
public abstract class Module {

    private final Map<String, Parameter> parameters = new LinkedHashMap<>();
    private final Map<String, Tensor> buffers = new LinkedHashMap<>();
    private final Map<String, Module> children = new LinkedHashMap<>();
    private Mode mode = Mode.TRAIN;

    /** Registers {@code p} under {@code name} and returns it, for {@code this.w = parameter("w", ...)}. */
    protected final Parameter parameter(String name, Parameter p) {
        checkName(name);
        parameters.put(name, p);
        return p;
    }

    /**
     * Registers {@code state} under {@code name} as a buffer and returns it: a tensor the module
     * updates itself (batch norm's {@code running_mean}) rather than the optimizer. Buffers are
     * saved and restored with the weights ({@link #stateDict()}) but are not {@link #parameters()}.
     */
    protected final Tensor buffer(String name, Tensor state) {
        checkName(name);
        if (state instanceof Parameter || state.requiresGrad()) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": buffer '" + name
                    + "' must not require gradients; register a trainable tensor with parameter()");
        }
        buffers.put(name, state);
        return state;
    }

    /** Registers {@code child} under {@code name} and returns it. */
    protected final <M extends Module> M child(String name, M child) {
        checkName(name);
        children.put(name, child);
        child.setMode(mode);
        return child;
    }

    private void checkName(String name) {
        if (name.isEmpty() || name.contains(".")) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": name '" + name
                    + "' must be non-empty and contain no dots");
        }
        if (parameters.containsKey(name) || buffers.containsKey(name) || children.containsKey(name)) {
            throw new IllegalArgumentException(getClass().getSimpleName() + ": '" + name + "' is registered twice");
        }
    }

    /** Every parameter of this module and its descendants, by dotted name, in registration order. */
    public final Map<String, Parameter> namedParameters() {
        Map<String, Parameter> out = new LinkedHashMap<>();
        collect("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collect(String prefix, Map<String, Parameter> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        children.forEach((n, c) -> c.collect(prefix + n + ".", out));
    }

    /** The parameters, in the order of {@link #namedParameters()}; shared ones appear once. */
    public final List<Parameter> parameters() {
        Set<Parameter> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        List<Parameter> out = new ArrayList<>();
        for (Parameter p : namedParameters().values()) {
            if (seen.add(p)) {
                out.add(p);
            }
        }
        return out;
    }

    /** Number of trainable values (shared parameters counted once). */
    public final long parameterCount() {
        long n = 0;
        for (Parameter p : parameters()) {
            n += p.size();
        }
        return n;
    }

    /** The direct children by name. */
    public final Map<String, Module> children() {
        return Collections.unmodifiableMap(children);
    }

    /** Calls {@code fn} on every descendant, children before parents, then on this module. */
    public final void apply(Consumer<Module> fn) {
        for (Module c : children.values()) {
            c.apply(fn);
        }
        fn.accept(this);
    }

    public final Mode mode() {
        return mode;
    }

    public final boolean isTraining() {
        return mode == Mode.TRAIN;
    }

    /** Sets the mode of this module and all its descendants. */
    public final void setMode(Mode m) {
        this.mode = m;
        for (Module c : children.values()) {
            c.setMode(m);
        }
    }

    public final void train() {
        setMode(Mode.TRAIN);
    }

    public final void eval() {
        setMode(Mode.EVAL);
    }

    /** Zeroes the gradient of every parameter. */
    public final void zeroGrad() {
        for (Parameter p : parameters()) {
            p.zeroGrad();
        }
    }

    /**
     * The names of fields of this module (and, recursively, of its children) that hold a
     * {@link Parameter} or {@link Module} that was not registered. Empty for a correct module.
     */
    public final List<String> unregistered() {
        List<String> out = new ArrayList<>();
        Set<Object> registered = Collections.newSetFromMap(new IdentityHashMap<>());
        registered.addAll(parameters.values());
        registered.addAll(children.values());
        for (Class<?> c = getClass(); c != Module.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || !(Parameter.class.isAssignableFrom(f.getType())
                        || Module.class.isAssignableFrom(f.getType()))) {
                    continue;
                }
                Object value = read(f);
                if (value != null && !registered.contains(value)) {
                    out.add(getClass().getSimpleName() + "." + f.getName());
                }
            }
        }
        children.values().forEach(ch -> out.addAll(ch.unregistered()));
        return out;
    }

    private Object read(Field f) {
        try {
            f.setAccessible(true);
            return f.get(this);
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("cannot inspect field " + f, e);
        }
    }

    /** One line per parameter: name and shape, then the total. */
    public String summary() {
        StringBuilder sb = new StringBuilder(getClass().getSimpleName()).append('\n');
        namedParameters().forEach((n, p) -> sb.append("  ").append(n).append(' ').append(p.shape()).append('\n'));
        return sb.append("  ").append(parameterCount()).append(" parameters").toString();
    }

    /** Every buffer of this module and its descendants, by dotted name, in registration order. */
    public final Map<String, Tensor> namedBuffers() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectBuffers("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectBuffers(String prefix, Map<String, Tensor> out) {
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, c) -> c.collectBuffers(prefix + n + ".", out));
    }

    /**
     * The weights and buffers by name, sharing storage with them (for saving, and for loading in
     * place): each module's parameters, then its buffers, then its children's, as PyTorch orders
     * a state dict.
     */
    public final Map<String, Tensor> stateDict() {
        Map<String, Tensor> out = new LinkedHashMap<>();
        collectState("", out);
        return Collections.unmodifiableMap(out);
    }

    private void collectState(String prefix, Map<String, Tensor> out) {
        parameters.forEach((n, p) -> out.put(prefix + n, p));
        buffers.forEach((n, b) -> out.put(prefix + n, b));
        children.forEach((n, c) -> c.collectState(prefix + n + ".", out));
    }
}
