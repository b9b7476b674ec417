// Keeps one JVM running EPUBCheck for many books (the JVM start and warm-up dominate a single run).
// Usage: java -cp epubcheck.jar EpubCheckServer.java --serve
// Books come from standard input, one "BOOK<TAB>REPORT.json" line each; each gets EPUBCheck's
// JSON report and one "exit CODE" line on stdout. The JVM stays up until standard input ends.
// Anything EPUBCheck prints goes to stderr, so that stdout carries only the "exit CODE" lines.
import com.adobe.epubcheck.tool.EpubChecker;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

public class EpubCheckServer {
    public static void main(String[] args) throws IOException {
        if (args.length != 1 || !args[0].equals("--serve")) {
            System.err.println("usage: java -cp epubcheck.jar EpubCheckServer.java --serve");
            System.exit(2);
        }
        PrintStream protocol = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        System.setOut(System.err);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String line;
        while ((line = in.readLine()) != null) {
            int tab = line.indexOf('\t');
            protocol.println("exit " + (tab < 0 ? 2 : check(line.substring(0, tab), line.substring(tab + 1))));
        }
    }

    static int check(String book, String report) {
        try {
            return new EpubChecker().run(new String[] {book, "--json", report, "--quiet"});
        } catch (RuntimeException e) {
            System.err.println("EpubCheckServer: " + book + ": " + e);
            return 2;
        }
    }
}
