import com.amazonaws.services.lambda.runtime.*;
import java.io.*;
import java.lang.reflect.*;
import java.nio.charset.StandardCharsets;
import java.util.*;

/**
 * Differential-test harness (HotSpot side) mimicking the AWS Lambda Java runtime: handler
 * dispatch (RequestStreamHandler, RequestHandler with generic I/O types, Class::method with the
 * overload rules), JSON ⇄ Java mapping with the runtime's Jackson rules, one warm instance, and
 * the error document. Usage: java LambdaHarness <handler> < events (one JSON document per line).
 * Prints one line per event: "JSON <payload>", "RAW <payload>" or "ERR <error document>".
 */
public class LambdaHarness {
    public static void main(String[] args) throws Exception {
        String handler = args[0];
        String cls = handler.contains("::") ? handler.substring(0, handler.lastIndexOf("::")) : handler;
        String methodName = handler.contains("::") ? handler.substring(handler.lastIndexOf("::") + 2) : null;
        Class<?> c = Class.forName(cls);
        Object instance = null;
        Method target;
        if (methodName == null) {
            target = RequestStreamHandler.class.isAssignableFrom(c)
                ? c.getMethod("handleRequest", InputStream.class, OutputStream.class, Context.class)
                : c.getMethod("handleRequest", Object.class, Context.class);
        } else {
            List<Method> ms = new ArrayList<>();
            for (Method m : c.getMethods()) if (m.getName().equals(methodName)) ms.add(m);
            ms.sort((a, b) -> {
                if (a.isBridge() != b.isBridge()) return a.isBridge() ? 1 : -1;
                return Integer.compare(weight(b), weight(a));
            });
            target = ms.get(0);
        }
        if (!Modifier.isStatic(target.getModifiers())) instance = c.getDeclaredConstructor().newInstance();
        Type input = methodName == null && !RequestStreamHandler.class.isAssignableFrom(c) ? requestInput(c) : null;
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, "UTF-8");
        System.setOut(System.err);
        while ((line = in.readLine()) != null) {
            Ctx ctx = new Ctx();
            try {
                Class<?>[] pt = target.getParameterTypes();
                Type[] gt = target.getGenericParameterTypes();
                Object[] callArgs = new Object[pt.length];
                ByteArrayOutputStream bout = null;
                for (int i = 0; i < pt.length; i++) {
                    if (pt[i] == Context.class) callArgs[i] = ctx;
                    else if (pt[i] == InputStream.class && i == 0) callArgs[i] = new ByteArrayInputStream(line.getBytes(StandardCharsets.UTF_8));
                    else if (pt[i] == OutputStream.class && i == 1) callArgs[i] = bout = new ByteArrayOutputStream();
                    else callArgs[i] = mapInput(line, input != null ? input : gt[i]);
                }
                Object result;
                try {
                    result = target.invoke(instance, callArgs);
                } catch (InvocationTargetException e) {
                    throw e.getCause();
                }
                if (bout != null) out.println("RAW " + new String(bout.toByteArray(), StandardCharsets.UTF_8));
                else {
                    StringBuilder sb = new StringBuilder();
                    if (target.getReturnType() == void.class) sb.append("null");
                    else write(sb, result);
                    out.println("JSON " + sb);
                }
            } catch (Throwable t) {
                StringBuilder sb = new StringBuilder("{\"errorMessage\":");
                String msg = t.getLocalizedMessage();
                str(sb, msg == null ? t.getClass().getName() : msg);
                sb.append(",\"errorType\":");
                str(sb, t.getClass().getName());
                sb.append(",\"stackTrace\":[");
                boolean first = true;
                for (StackTraceElement e : t.getStackTrace()) {
                    if (e.getClassName().startsWith("java.") || e.getClassName().startsWith("jdk.") || e.getClassName().startsWith("sun.") || e.getClassName().equals("LambdaHarness")) continue;
                    if (!first) sb.append(',');
                    first = false;
                    str(sb, e.getClassName() + "." + e.getMethodName() + "(" + e.getFileName() + ":" + e.getLineNumber() + ")");
                }
                out.println("ERR " + sb.append("]}"));
            }
        }
    }

    static int weight(Method m) {
        Class<?>[] p = m.getParameterTypes();
        return p.length + (p.length > 0 && p[p.length - 1] == Context.class ? 1 : 0);
    }

    /** Breadth-first over generic supertypes for RequestHandler<I, O>, binding type variables. */
    static Type requestInput(Class<?> c) {
        Deque<Object[]> queue = new ArrayDeque<>();
        queue.add(new Object[] {c, new HashMap<String, Type>()});
        while (!queue.isEmpty()) {
            Object[] e = queue.poll();
            Class<?> k = (Class<?>) e[0];
            @SuppressWarnings("unchecked") Map<String, Type> b = (Map<String, Type>) e[1];
            List<Type> sup = new ArrayList<>(Arrays.asList(k.getGenericInterfaces()));
            if (k.getGenericSuperclass() != null) sup.add(0, k.getGenericSuperclass());
            for (Type t : sup) {
                Class<?> raw = t instanceof ParameterizedType ? (Class<?>) ((ParameterizedType) t).getRawType() : (Class<?>) t;
                Type[] targs = t instanceof ParameterizedType ? ((ParameterizedType) t).getActualTypeArguments() : new Type[0];
                for (int i = 0; i < targs.length; i++) if (targs[i] instanceof TypeVariable) targs[i] = b.getOrDefault(((TypeVariable<?>) targs[i]).getName(), Object.class);
                if (raw == RequestHandler.class) return targs.length > 0 ? targs[0] : Object.class;
                Map<String, Type> nb = new HashMap<>();
                TypeVariable<?>[] vars = raw.getTypeParameters();
                for (int i = 0; i < vars.length && i < targs.length; i++) nb.put(vars[i].getName(), targs[i]);
                queue.add(new Object[] {raw, nb});
            }
        }
        return Object.class;
    }

    // ---------------------------------------------------------------- JSON parsing (lenient)

    static final class Num { final String text; Num(String t) { text = t; } }

    static Object parse(String s) {
        int[] pos = {0};
        skip(s, pos);
        if (pos[0] >= s.length()) return null;
        Object v = value(s, pos);
        return v;
    }
    static void skip(String s, int[] p) { while (p[0] < s.length() && " \t\r\n".indexOf(s.charAt(p[0])) >= 0) p[0]++; }
    static Object value(String s, int[] p) {
        skip(s, p);
        char c = s.charAt(p[0]);
        if (c == '{') {
            p[0]++;
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            skip(s, p);
            if (s.charAt(p[0]) == '}') { p[0]++; return m; }
            while (true) {
                skip(s, p);
                String k = (s.charAt(p[0]) == '"' || s.charAt(p[0]) == '\'') ? string(s, p) : bare(s, p);
                skip(s, p); p[0]++;
                m.put(k, value(s, p));
                skip(s, p);
                if (s.charAt(p[0]++) == '}') return m;
            }
        }
        if (c == '[') {
            p[0]++;
            List<Object> l = new ArrayList<>();
            skip(s, p);
            if (s.charAt(p[0]) == ']') { p[0]++; return l; }
            while (true) {
                l.add(value(s, p));
                skip(s, p);
                if (s.charAt(p[0]++) == ']') return l;
            }
        }
        if (c == '"' || c == '\'') return string(s, p);
        String w = bare(s, p);
        if (w.equals("true")) return Boolean.TRUE;
        if (w.equals("false")) return Boolean.FALSE;
        if (w.equals("null")) return null;
        return new Num(w);
    }
    static String bare(String s, int[] p) {
        int st = p[0];
        while (p[0] < s.length() && " \t\r\n,:]}[{".indexOf(s.charAt(p[0])) < 0) p[0]++;
        return s.substring(st, p[0]);
    }
    static String string(String s, int[] p) {
        char q = s.charAt(p[0]++);
        StringBuilder sb = new StringBuilder();
        while (true) {
            char c = s.charAt(p[0]++);
            if (c == q) return sb.toString();
            if (c == '\\') {
                char e = s.charAt(p[0]++);
                switch (e) {
                    case 'n': sb.append('\n'); break;
                    case 't': sb.append('\t'); break;
                    case 'r': sb.append('\r'); break;
                    case 'b': sb.append('\b'); break;
                    case 'f': sb.append('\f'); break;
                    case 'u': sb.append((char) Integer.parseInt(s.substring(p[0], p[0] + 4), 16)); p[0] += 4; break;
                    default: sb.append(e);
                }
            } else sb.append(c);
        }
    }

    // ---------------------------------------------------------------- JSON → Java

    static Object mapInput(String text, Type t) throws Exception {
        Object tree;
        try {
            tree = parse(text);
        } catch (RuntimeException e) {
            throw new RuntimeException("An error occurred during JSON parsing");
        }
        try {
            return convert(tree, t);
        } catch (IllegalArgumentException e) {
            throw new RuntimeException("An error occurred during JSON parsing");
        }
    }

    static boolean integral(String n) { return n.matches("[-+]?[0-9]+"); }
    static double num(String n) {
        if (n.equals("NaN")) return Double.NaN;
        if (n.endsWith("Infinity")) return n.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        return Double.parseDouble(n);
    }

    static Object natural(Object v) {
        if (v instanceof Num) {
            String n = ((Num) v).text;
            if (integral(n)) {
                java.math.BigInteger b = new java.math.BigInteger(n.startsWith("+") ? n.substring(1) : n);
                if (b.bitLength() < 32) return b.intValue();
                if (b.bitLength() < 64) return b.longValue();
                return b;
            }
            return num(n);
        }
        if (v instanceof Map) {
            LinkedHashMap<String, Object> m = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) m.put((String) e.getKey(), natural(e.getValue()));
            return m;
        }
        if (v instanceof List) {
            List<Object> l = new ArrayList<>();
            for (Object o : (List<?>) v) l.add(natural(o));
            return l;
        }
        return v;
    }

    static Object convert(Object v, Type t) throws Exception {
        Class<?> raw = t instanceof ParameterizedType ? (Class<?>) ((ParameterizedType) t).getRawType() : t instanceof Class ? (Class<?>) t : Object.class;
        Type[] targs = t instanceof ParameterizedType ? ((ParameterizedType) t).getActualTypeArguments() : new Type[0];
        if (raw == Object.class) return natural(v);
        boolean scalar = raw == String.class || raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class;
        if (scalar && v instanceof List && ((List<?>) v).size() == 1) return convert(((List<?>) v).get(0), t);
        if (raw == String.class) {
            if (v == null) return null;
            if (v instanceof Map || v instanceof List) throw new IllegalArgumentException("not a scalar");
            return v instanceof Num ? ((Num) v).text : v.toString();
        }
        if (raw.isPrimitive() || Number.class.isAssignableFrom(raw) || raw == Boolean.class || raw == Character.class) {
            if (v == null || "".equals(v)) return raw.isPrimitive() ? Array.get(Array.newInstance(raw, 1), 0) : null;
            String text = v instanceof Num ? ((Num) v).text : v.toString().trim();
            if (raw == boolean.class || raw == Boolean.class) return text.equals("true") || (!text.equals("false") && num(text) != 0);
            if (raw == double.class || raw == Double.class || raw == Number.class) return num(text);
            if (raw == float.class || raw == Float.class) return (float) num(text);
            long l = integral(text) ? Long.parseLong(text.startsWith("+") ? text.substring(1) : text) : (long) num(text);
            if (raw == long.class || raw == Long.class) return l;
            if (l != (int) l) throw new IllegalArgumentException("out of range of int");
            if (raw == short.class || raw == Short.class) return (short) l;
            if (raw == byte.class || raw == Byte.class) return (byte) l;
            return (int) l;
        }
        if (Map.class.isAssignableFrom(raw)) {
            if (v instanceof List && ((List<?>) v).size() == 1) return convert(((List<?>) v).get(0), t);
            if (v == null || "".equals(v) || (v instanceof List && ((List<?>) v).isEmpty())) return null;
            if (!(v instanceof Map)) throw new IllegalArgumentException("not an object");
            Map<Object, Object> m = raw == HashMap.class ? new HashMap<>() : new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) m.put(e.getKey(), convert(e.getValue(), targs.length > 1 ? targs[1] : Object.class));
            return m;
        }
        if (Collection.class.isAssignableFrom(raw)) {
            if (v == null || "".equals(v)) return null;
            List<?> items = v instanceof List ? (List<?>) v : Collections.singletonList(v);
            Collection<Object> out = Set.class.isAssignableFrom(raw) ? (raw == LinkedHashSet.class ? new LinkedHashSet<>() : new HashSet<>()) : new ArrayList<>();
            for (Object o : items) out.add(convert(o, targs.length > 0 ? targs[0] : Object.class));
            return out;
        }
        if (raw.isEnum()) {
            for (Object e : raw.getEnumConstants()) if (((Enum<?>) e).name().equals(String.valueOf(v))) return e;
            return null;
        }
        if (v == null || "".equals(v)) return null;
        if (v instanceof List && ((List<?>) v).size() == 1) return convert(((List<?>) v).get(0), t);
        if (!(v instanceof Map)) throw new IllegalArgumentException("not an object");
        Map<?, ?> fields = (Map<?, ?>) v;
        if (raw.isRecord()) {
            RecordComponent[] rc = raw.getRecordComponents();
            Object[] a = new Object[rc.length];
            Class<?>[] types = new Class<?>[rc.length];
            for (int i = 0; i < rc.length; i++) { types[i] = rc[i].getType(); a[i] = convert(fields.get(rc[i].getName()), rc[i].getGenericType()); }
            Constructor<?> k = raw.getDeclaredConstructor(types);
            k.setAccessible(true);
            return k.newInstance(a);
        }
        Constructor<?> k = raw.getDeclaredConstructor();
        k.setAccessible(true);
        Object obj = k.newInstance();
        outer:
        for (Map.Entry<?, ?> e : fields.entrySet()) {
            String key = (String) e.getKey();
            for (Method m : raw.getMethods()) {
                if (m.getName().startsWith("set") && m.getParameterCount() == 1 && !Modifier.isStatic(m.getModifiers()) && bean(m.getName().substring(3)).equals(key)) {
                    m.invoke(obj, convert(e.getValue(), m.getGenericParameterTypes()[0]));
                    continue outer;
                }
            }
            for (Field f : raw.getFields()) {
                if (f.getName().equals(key) && !Modifier.isStatic(f.getModifiers())) { f.set(obj, convert(e.getValue(), f.getGenericType())); continue outer; }
            }
        }
        return obj;
    }

    static String bean(String rest) {
        if (rest.length() > 1 && Character.isUpperCase(rest.charAt(0)) && Character.isUpperCase(rest.charAt(1))) return rest;
        return rest.isEmpty() ? rest : Character.toLowerCase(rest.charAt(0)) + rest.substring(1);
    }

    // ---------------------------------------------------------------- Java → JSON

    static void str(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"': sb.append("\\\""); break;
                case '\\': sb.append("\\\\"); break;
                case '\n': sb.append("\\n"); break;
                case '\r': sb.append("\\r"); break;
                case '\t': sb.append("\\t"); break;
                case '\b': sb.append("\\b"); break;
                case '\f': sb.append("\\f"); break;
                default:
                    if (c < 0x20) sb.append(String.format("\\u%04X", (int) c)); else sb.append(c);
            }
        }
        sb.append('"');
    }

    static void write(StringBuilder sb, Object v) throws Exception {
        if (v == null) { sb.append("null"); return; }
        if (v instanceof String) { str(sb, (String) v); return; }
        if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            if (Double.isNaN(d) || Double.isInfinite(d)) str(sb, v.toString()); else sb.append(v);
            return;
        }
        if (v instanceof Number || v instanceof Boolean) { sb.append(v); return; }
        if (v instanceof Character) { str(sb, v.toString()); return; }
        if (v instanceof char[]) { str(sb, new String((char[]) v)); return; }
        if (v instanceof byte[]) { str(sb, Base64.getEncoder().encodeToString((byte[]) v)); return; }
        if (v.getClass().isArray()) {
            sb.append('[');
            for (int i = 0; i < Array.getLength(v); i++) { if (i > 0) sb.append(','); write(sb, Array.get(v, i)); }
            sb.append(']');
            return;
        }
        if (v instanceof Map) {
            sb.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
                if (e.getValue() == null) continue;
                if (!first) sb.append(',');
                first = false;
                str(sb, String.valueOf(e.getKey()));
                sb.append(':');
                write(sb, e.getValue());
            }
            sb.append('}');
            return;
        }
        if (v instanceof Collection) { write(sb, ((Collection<?>) v).toArray()); return; }
        if (v instanceof Enum) { str(sb, ((Enum<?>) v).name()); return; }
        Class<?> c = v.getClass();
        if (c.getName().startsWith("java.")) { str(sb, v.toString()); return; }
        // Properties: fields (superclasses first) that are public or have a getter, then getter-only ones.
        LinkedHashMap<String, Method> getters = new LinkedHashMap<>();
        List<Class<?>> chain = new ArrayList<>();
        for (Class<?> k = c; k != null && k != Object.class && k != Record.class; k = k.getSuperclass()) chain.add(0, k);
        for (Class<?> k : chain) {
            for (Method m : k.getDeclaredMethods()) {
                if (!Modifier.isPublic(m.getModifiers()) || Modifier.isStatic(m.getModifiers()) || m.getParameterCount() != 0 || m.getReturnType() == void.class) continue;
                String p = null;
                if (c.isRecord()) { try { k.getDeclaredField(m.getName()); p = m.getName(); } catch (NoSuchFieldException e) { } }
                else if (m.getName().startsWith("get") && m.getName().length() > 3 && !m.getName().equals("getClass")) p = bean(m.getName().substring(3));
                else if (m.getName().startsWith("is") && m.getName().length() > 2 && m.getReturnType() == boolean.class) p = bean(m.getName().substring(2));
                if (p != null) { getters.remove(p); getters.put(p, m); }
            }
        }
        List<Object[]> props = new ArrayList<>();
        for (Class<?> k : chain) {
            for (Field f : k.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || Modifier.isTransient(f.getModifiers())) continue;
                Method g = getters.remove(f.getName());
                if (g != null) props.add(new Object[] {f.getName(), g});
                else if (Modifier.isPublic(f.getModifiers())) props.add(new Object[] {f.getName(), f});
            }
        }
        for (Map.Entry<String, Method> e : getters.entrySet()) props.add(new Object[] {e.getKey(), e.getValue()});
        sb.append('{');
        boolean first = true;
        for (Object[] p : props) {
            Object val;
            if (p[1] instanceof Method) { ((Method) p[1]).setAccessible(true); val = ((Method) p[1]).invoke(v); }
            else val = ((Field) p[1]).get(v);
            if (val == null) continue;
            if (!first) sb.append(',');
            first = false;
            str(sb, (String) p[0]);
            sb.append(':');
            write(sb, val);
        }
        sb.append('}');
    }

    // ---------------------------------------------------------------- Context

    static final class Ctx implements Context, LambdaLogger {
        public String getAwsRequestId() { return "req-1"; }
        public String getLogGroupName() { return "/aws/lambda/fn"; }
        public String getLogStreamName() { return "stream"; }
        public String getFunctionName() { return "fn"; }
        public String getFunctionVersion() { return "$LATEST"; }
        public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:fn"; }
        public CognitoIdentity getIdentity() { return null; }
        public ClientContext getClientContext() { return null; }
        public int getRemainingTimeInMillis() { return 3000; }
        public int getMemoryLimitInMB() { return 1024; }
        public LambdaLogger getLogger() { return this; }
        public void log(String m) { System.err.println(m); }
        public void log(byte[] m) { System.err.println(new String(m, StandardCharsets.UTF_8)); }
    }
}
