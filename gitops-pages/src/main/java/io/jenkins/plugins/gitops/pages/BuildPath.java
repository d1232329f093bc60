package io.jenkins.plugins.gitops.pages;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A build named by its URL path below a Jenkins root ({@code job/shop/job/prod/12/}): the job's full name
 * ({@code shop/prod}) and the build number, so a page can show the build as Jenkins names it instead of a path.
 */
public record BuildPath(String jobFullName, int number) {

    /** Empty for anything that is not {@code (job/NAME/)+NUMBER/?}. */
    public static Optional<BuildPath> parse(String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/");
        if (parts.length < 3 || parts.length % 2 == 0) {
            return Optional.empty();
        }
        List<String> names = new ArrayList<>();
        for (int i = 0; i + 1 < parts.length; i += 2) {
            if (!parts[i].equals("job") || parts[i + 1].isEmpty()) {
                return Optional.empty();
            }
            // Jenkins writes names percent-encoded and leaves '+' as it is.
            names.add(URLDecoder.decode(parts[i + 1].replace("+", "%2B"), StandardCharsets.UTF_8));
        }
        String number = parts[parts.length - 1];
        if (!number.matches("[1-9][0-9]{0,9}")) {
            return Optional.empty();
        }
        try {
            return Optional.of(new BuildPath(String.join("/", names), Integer.parseInt(number)));
        } catch (NumberFormatException e) {
            return Optional.empty(); // over Integer.MAX_VALUE
        }
    }
}
