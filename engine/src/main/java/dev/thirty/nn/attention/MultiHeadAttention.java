package dev.thirty.nn.attention;

import dev.thirty.nn.Dropout;
import dev.thirty.nn.Linear;
import dev.thirty.nn.Module;
import dev.thirty.tensor.Tensor;
import java.util.random.RandomGenerator;

/**
 * §3.2.2 Multi-Head Attention, Eq. (4-5):
 *
 * <pre>
 * MultiHead(Q, K, V) = Concat(head_1, ..., head_h) W^O
 * head_i = Attention(Q W_i^Q, K W_i^K, V W_i^V)
 * </pre>
 *
 * Shapes: query {@code (B, Tq, dModel)}, key and value {@code (B, Tk, dModel)}, result
 * {@code (B, Tq, dModel)}; {@code dK = dV = dModel / heads}. The h projections of each kind are
 * one {@link Linear} {@code dModel -> dModel} (parameters {@code q_proj}, {@code k_proj},
 * {@code v_proj}, {@code out_proj}, PyTorch's default initialisation). Dropout on the attention
 * weights, as the Annotated Transformer applies it.
 */
public final class MultiHeadAttention extends Module {

    private final int heads;
    private final Linear qProj;
    private final Linear kProj;
    private final Linear vProj;
    private final Linear outProj;
    private final Dropout dropout;

    public MultiHeadAttention(int dModel, int heads, float dropout, RandomGenerator rng) {
        if (heads < 1 || dModel % heads != 0) {
            throw new IllegalArgumentException("MultiHeadAttention: dModel " + dModel + " must split into "
                    + heads + " heads");
        }
        this.heads = heads;
        this.qProj = child("q_proj", new Linear(dModel, dModel, rng));
        this.kProj = child("k_proj", new Linear(dModel, dModel, rng));
        this.vProj = child("v_proj", new Linear(dModel, dModel, rng));
        this.outProj = child("out_proj", new Linear(dModel, dModel, rng));
        this.dropout = child("dropout", new Dropout(dropout, rng));
    }

    /** Attention of {@code query} over {@code key}/{@code value}; {@code mask} may be null. */
    public Tensor forward(Tensor query, Tensor key, Tensor value, AttentionMask mask) {
        Tensor q = splitHeads(qProj.forward(query));
        Tensor k = splitHeads(kProj.forward(key));
        Tensor v = splitHeads(vProj.forward(value));
        Tensor weights = dropout.forward(ScaledDotProductAttention.weights(q, k, mask)); // (B, H, Tq, Tk)
        Tensor heads = weights.matmul(v);                                                 // (B, H, Tq, dK)
        int b = query.dim(0);
        int tq = query.dim(1);
        Tensor concat = heads.permute(0, 2, 1, 3).reshape(b, tq, -1); // (B, H, Tq, dK) -> (B, Tq, dModel)
        return outProj.forward(concat);
    }

    /** {@code (B, T, dModel) -> (B, H, T, dK)}. */
    private Tensor splitHeads(Tensor x) {
        int b = x.dim(0);
        int t = x.dim(1);
        return x.reshape(b, t, heads, -1).permute(0, 2, 1, 3); // (B, T, dModel) -> (B, H, T, dK)
    }
}
