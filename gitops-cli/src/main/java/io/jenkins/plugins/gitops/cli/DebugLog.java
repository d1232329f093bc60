package io.jenkins.plugins.gitops.cli;

import io.jenkins.plugins.gitops.engine.report.Escape;
import java.io.PrintWriter;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

/**
 * {@code --debug}: the engine's decisions on stderr while one command runs. The engine logs through
 * {@link System.Logger} at DEBUG, which the JDK hands to java.util.logging as FINE, under logger names that are
 * its class names; this shows that level for all of them and restores the logging setup afterwards, so a test
 * that runs the command line in-process leaves no handler behind.
 */
final class DebugLog implements AutoCloseable {
    /** The common parent of the engine's logger names. */
    static final String LOGGERS = "io.jenkins.plugins.gitops";

    /** Held for the run: java.util.logging keeps loggers only weakly, and would drop the level set here. */
    private final Logger logger = Logger.getLogger(LOGGERS);
    private final Level level = logger.getLevel();
    private final boolean parentHandlers = logger.getUseParentHandlers();
    private final Handler handler;

    private DebugLog(PrintWriter err) {
        handler = new Lines(err);
        handler.setLevel(Level.ALL);
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        logger.setLevel(Level.FINE);
    }

    static DebugLog to(PrintWriter err) {
        return new DebugLog(err);
    }

    /**
     * The frames of {@code thrown} and of its causes, with the causes' class names but not their messages: a
     * library's message may quote the input it failed on (a line of a Secret), and the frames are what locates
     * a bug.
     */
    static void printStackTrace(Throwable thrown, PrintWriter err) {
        Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        for (Throwable t = thrown; t != null && seen.add(t); t = t.getCause()) {
            if (t != thrown) {
                err.println("Caused by: " + t.getClass().getName());
            }
            for (StackTraceElement frame : t.getStackTrace()) {
                err.println("\tat " + frame);
            }
        }
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setUseParentHandlers(parentHandlers);
        logger.setLevel(level);
    }

    /** One {@code debug:} line per record, named by the logging class; an attached exception with its frames. */
    private static final class Lines extends Handler {
        private final PrintWriter err;
        private final Formatter messages = new SimpleFormatter();

        Lines(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            String name = record.getLoggerName() == null ? "" : record.getLoggerName();
            String line = "debug: " + name.substring(name.lastIndexOf('.') + 1) + ": " + messages.formatMessage(record);
            synchronized (err) {
                err.println(Escape.printable(line));
                Throwable thrown = record.getThrown();
                if (thrown != null) {
                    // The engine attaches only failures of its own requests (a lock renewal): their messages
                    // name a target and a cause, never a value.
                    err.println(Escape.printable("  " + thrown.getClass().getName() + ": " + thrown.getMessage()));
                    printStackTrace(thrown, err);
                }
                err.flush();
            }
        }

        @Override
        public void flush() {
            err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }
}
