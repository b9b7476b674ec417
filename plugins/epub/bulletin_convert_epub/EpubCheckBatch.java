// Runs EPUBCheck on several books in one JVM (the JVM start and warm-up dominate a single run).
// Usage: java -cp epubcheck.jar EpubCheckBatch.java BOOK REPORT.json [BOOK REPORT.json ...]
//        java -cp epubcheck.jar EpubCheckBatch.java --serve
// Each book gets EPUBCheck's JSON report; one line "exit CODE" per book goes to stdout.
// With --serve, books come from standard input, one "BOOK<TAB>REPORT.json" line each, and
// the JVM stays up until standard input ends; anything EPUBCheck prints goes to stderr, so
// that stdout carries only the "exit CODE" lines.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckBatch {
    public static void main(String[] args) throws IOException {
        if (args.length == 1 && args[0].equals("--serve")) {
            serve();
            return;
        }
        for (int i = 0; i + 1 < args.length; i += 2) {
            System.out.println("exit " + check(args[i], args[i + 1]));
        }
    }

    static int check(String book, String report) {
        try {
            return new EpubChecker().run(new String[] {book, "--json", report, "--quiet"});
        } catch (RuntimeException e) {
            System.err.println("EpubCheckBatch: " + book + ": " + e);
            return 2;
        }
    }

    static void serve() throws IOException {
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            if (tab < 0) {
                protocol.println("exit 2");
                continue;
            }
            protocol.println("exit " + check(line.substring(0, tab), line.substring(tab + 1)));
        }
    }
}
