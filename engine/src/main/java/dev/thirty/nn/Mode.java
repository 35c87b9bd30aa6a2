package dev.thirty.nn;

/** Whether a module is training (dropout active) or evaluating (dropout off). */
public enum Mode {
    TRAIN,
    EVAL
}
