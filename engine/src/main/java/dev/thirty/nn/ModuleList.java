package dev.thirty.nn;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * A list of modules registered as children {@code "0"}, {@code "1"}, ... (PyTorch's
 * {@code nn.ModuleList}), for stacks whose layers take more than one input, like a Transformer
 * decoder layer; names compose as {@code h.0.attn.c_attn.weight}.
 */
public final class ModuleList<M extends Module> extends Module implements Iterable<M> {

    private final List<M> items = new ArrayList<>();

    public ModuleList(List<M> modules) {
        for (M m : modules) {
            items.add(child(Integer.toString(items.size()), m));
        }
    }

    public M get(int i) {
        return items.get(i);
    }

    public int size() {
        return items.size();
    }

    @Override
    public Iterator<M> iterator() {
        return List.copyOf(items).iterator();
    }
}
