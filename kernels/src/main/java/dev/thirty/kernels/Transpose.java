package dev.thirty.kernels;

/** Whether a GEMM operand is used as stored ({@code N}) or transposed ({@code T}). */
public enum Transpose {
    N,
    T
}
