package dev.thirty.experiment;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Applies {@code key=value} settings to a configuration record: each key names a record
 * component, each value is parsed to that component's type ({@code int}, {@code long},
 * {@code float}, {@code double}, {@code boolean}, {@code String}, an enum by name, or
 * {@code int[]} as comma-separated numbers), and the record's canonical constructor is called
 * again so that its own validation runs. A dotted key reaches into a nested record:
 * {@code model.positions=learned} sets {@code positions} of the component {@code model}, as the
 * run report lists it. Errors name the setting, its type and the offending value.
 */
public final class ConfigOverrides {

    private ConfigOverrides() {
    }

    /** Parses {@code key=value} strings into an ordered map, rejecting malformed or repeated ones. */
    public static Map<String, String> parse(List<String> settings) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String s : settings) {
            int eq = s.indexOf('=');
            if (eq <= 0) {
                throw new IllegalArgumentException("--set " + s + ": expected key=value");
            }
            String key = s.substring(0, eq).trim();
            if (out.put(key, s.substring(eq + 1).trim()) != null) {
                throw new IllegalArgumentException("--set " + key + " is given twice");
            }
        }
        return out;
    }

    /** {@code base} with the named components replaced; validated by the record's constructor. */
    public static <C extends Record> C apply(C base, Map<String, String> overrides) {
        return apply(base, overrides, "");
    }

    private static <C extends Record> C apply(C base, Map<String, String> overrides, String prefix) {
        if (overrides.isEmpty()) {
            return base;
        }
        @SuppressWarnings("unchecked")
        Class<C> type = (Class<C>) base.getClass();
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        List<String> names = new ArrayList<>();
        for (int i = 0; i < components.length; i++) {
            names.add(components[i].getName());
            values[i] = read(components[i], base);
        }
        Map<String, Map<String, String>> nested = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : overrides.entrySet()) {
            String key = e.getKey();
            int dot = key.indexOf('.');
            String head = dot < 0 ? key : key.substring(0, dot);
            int i = names.indexOf(head);
            if (i < 0) {
                throw new IllegalArgumentException("--set " + prefix + key + "=" + e.getValue()
                        + ": there is no setting '" + prefix + head + "'; settings: " + String.join(", ", names));
            }
            if (dot < 0) {
                values[i] = parseValue(prefix + key, e.getValue(), components[i].getType());
            } else if (values[i] instanceof Record) {
                nested.computeIfAbsent(head, h -> new LinkedHashMap<>()).put(key.substring(dot + 1), e.getValue());
            } else {
                throw new IllegalArgumentException("--set " + prefix + key + "=" + e.getValue() + ": " + prefix + head
                        + " has no settings of its own");
            }
        }
        nested.forEach((head, inner) -> {
            int i = names.indexOf(head);
            values[i] = apply((Record) values[i], inner, prefix + head + ".");
        });
        return construct(type, components, values);
    }

    static Object parseValue(String key, String raw, Class<?> type) {
        try {
            if (type == int.class || type == Integer.class) {
                return Integer.parseInt(raw);
            } else if (type == long.class || type == Long.class) {
                return Long.parseLong(raw);
            } else if (type == float.class || type == Float.class) {
                return Float.parseFloat(raw);
            } else if (type == double.class || type == Double.class) {
                return Double.parseDouble(raw);
            } else if (type == boolean.class || type == Boolean.class) {
                return parseBoolean(raw);
            } else if (type == String.class) {
                return raw;
            } else if (type.isEnum()) {
                return parseEnum(type, raw);
            } else if (type == int[].class) {
                return Arrays.stream(raw.split(",")).map(String::trim).mapToInt(Integer::parseInt).toArray();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--set " + key + "=" + raw + ": " + key + " is " + describeType(type)
                    + "; '" + raw + "' is not one", e);
        }
        throw new IllegalArgumentException("--set " + key + ": settings of type " + type.getSimpleName()
                + " cannot be set from the command line");
    }

    private static boolean parseBoolean(String raw) {
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "true", "yes", "on", "1" -> true;
            case "false", "no", "off", "0" -> false;
            default -> throw new IllegalArgumentException("not a boolean");
        };
    }

    private static Object parseEnum(Class<?> type, String raw) {
        for (Object c : type.getEnumConstants()) {
            if (((Enum<?>) c).name().equalsIgnoreCase(raw)) {
                return c;
            }
        }
        throw new IllegalArgumentException("not a constant");
    }

    private static String describeType(Class<?> type) {
        if (type.isEnum()) {
            List<String> options = new ArrayList<>();
            for (Object c : type.getEnumConstants()) {
                options.add(((Enum<?>) c).name().toLowerCase(Locale.ROOT));
            }
            return "one of " + String.join(", ", options);
        }
        return switch (type.getSimpleName()) {
            case "int", "Integer", "long", "Long" -> "an integer";
            case "float", "Float", "double", "Double" -> "a number";
            case "boolean", "Boolean" -> "true or false";
            case "int[]" -> "a comma-separated list of integers";
            default -> "a " + type.getSimpleName();
        };
    }

    private static Object read(RecordComponent c, Record r) {
        try {
            return c.getAccessor().invoke(r);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("cannot read " + c.getName() + " of " + r.getClass().getSimpleName(), e);
        }
    }

    private static <C extends Record> C construct(Class<C> type, RecordComponent[] components, Object[] values) {
        Class<?>[] types = Arrays.stream(components).map(RecordComponent::getType).toArray(Class<?>[]::new);
        try {
            Constructor<C> ctor = type.getDeclaredConstructor(types);
            ctor.setAccessible(true);
            return ctor.newInstance(values);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IllegalArgumentException iae) {
                throw new IllegalArgumentException("--set: " + iae.getMessage(), iae);
            }
            throw new IllegalStateException("could not build " + type.getSimpleName(), cause);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("could not build " + type.getSimpleName(), e);
        }
    }
}
