package io.jenkins.plugins.gitops.engine.testing;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What one engine class logs while open, DEBUG included: its {@link System.Logger} is backed by
 * java.util.logging (DEBUG arrives as FINE), as in the command line and in Jenkins. Closing restores the logger.
 */
public final class LogCapture implements AutoCloseable {
    /** Held while open: java.util.logging keeps loggers only weakly, and would drop the level set here. */
    private final Logger logger;
    private final Level level;
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            records.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private LogCapture(String loggerName) {
        logger = Logger.getLogger(loggerName);
        level = logger.getLevel();
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static LogCapture of(Class<?> source) {
        return of(source.getName());
    }

    /** By name, for a class the test cannot see: the engine names its loggers after its classes. */
    public static LogCapture of(String className) {
        return new LogCapture(className);
    }

    public List<LogRecord> records() {
        return List.copyOf(records);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(level);
    }
}
