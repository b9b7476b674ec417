// Runs EPUBCheck on several books in one JVM (the JVM start and warm-up dominate a single run).
// Usage: java -cp epubcheck.jar EpubCheckBatch.java BOOK REPORT.json [BOOK REPORT.json ...]
// Each book gets EPUBCheck's JSON report; one line "exit CODE" per book goes to stdout.
import com.adobe.epubcheck.tool.EpubChecker;

public class EpubCheckBatch {
    public static void main(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            int code;
            try {
                code = new EpubChecker().run(new String[] {args[i], "--json", args[i + 1], "--quiet"});
            } catch (RuntimeException e) {
                System.err.println("EpubCheckBatch: " + args[i] + ": " + e);
                code = 2;
            }
            System.out.println("exit " + code);
        }
    }
}
