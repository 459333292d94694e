/**
 * Differential-test harness (HotSpot side): calls `public static String run()` of the named
 * class and prints its result, or "EXC " + the escaping exception's toString().
 */
public class RunStatic {
    public static void main(String[] args) throws Exception {
        String out;
        try {
            out = String.valueOf(Class.forName(args[0]).getMethod("run").invoke(null));
        } catch (java.lang.reflect.InvocationTargetException e) {
            out = "EXC " + e.getCause();
        }
        System.out.write(out.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        System.out.flush();
    }
}
