package dev.thirty.tensor;

/** Index arithmetic for broadcasting a smaller shape against a larger one. */
final class BroadcastIndex {

    private BroadcastIndex() {
    }

    /**
     * For every position of {@code target} (row-major), the element offset into a tensor of shape
     * {@code source} broadcast to it, each source element spanning {@code blockSize} floats.
     */
    static int[] offsets(Shape source, Shape target, int blockSize) {
        int rank = target.rank();
        int[] srcStrides = new int[rank];
        int[] sDims = source.dims();
        int[] sStr = source.strides();
        int shift = rank - sDims.length;
        for (int i = 0; i < sDims.length; i++) {
            srcStrides[i + shift] = sDims[i] == 1 ? 0 : sStr[i];
        }
        int[] tDims = target.dims();
        int n = target.size();
        int[] out = new int[n];
        int[] idx = new int[rank];
        int off = 0;
        for (int i = 0; i < n; i++) {
            out[i] = off * blockSize;
            for (int d = rank - 1; d >= 0; d--) {
                idx[d]++;
                off += srcStrides[d];
                if (idx[d] < tDims[d]) {
                    break;
                }
                off -= srcStrides[d] * idx[d];
                idx[d] = 0;
            }
        }
        return out;
    }
}
