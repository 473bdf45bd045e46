package dev.lbstudio.frr;

import dev.lbstudio.model.IpAddr;
import dev.lbstudio.model.IpPrefix;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * The commands of one vtysh node and vtysh's way of matching a line against them: each word may be
 * abbreviated to any prefix that leaves one keyword possible (lib/command_match.c: an exact keyword
 * beats a variable, which beats a partial keyword; two partial keywords left is "% Ambiguous
 * command"). Commands are written as in FRR's DEFUNs: lowercase keywords, {@code [optional]} groups,
 * {@code (a|b)} alternatives and the variables below.
 */
final class Grammar {

    /** Variable types; a command's arguments are the words that filled them. */
    private enum Var {
        ADDR(Pattern.compile("[0-9A-Fa-f.:]+")),
        PREFIX(Pattern.compile("[0-9A-Fa-f.:]+/[0-9]+")),
        NUM(Pattern.compile("[0-9]+")),
        ASN(Pattern.compile("[0-9]+(\\.[0-9]+)?")),
        WORD(Pattern.compile("\\S+")),
        LINE(Pattern.compile(".*"));

        private final Pattern shape;

        Var(Pattern shape) {
            this.shape = shape;
        }

        boolean accepts(String word) {
            return switch (this) {
                case WORD, LINE -> true;
                case NUM -> digits(word, 0, word.length());
                default -> shape.matcher(word).matches() && valid(word);
            };
        }

        /** Four decimal octets 0-255, as inet_pton reads an IPv4 address (no leading-zero octal, no short forms). */
        private static boolean ipv4(String w, int from, int to) {
            int octets = 0;
            int start = from;
            for (int i = from; i <= to; i++) {
                if (i == to || w.charAt(i) == '.') {
                    if (!digits(w, start, i) || i - start > 3 || Integer.parseInt(w, start, i, 10) > 255) {
                        return false;
                    }
                    octets++;
                    start = i + 1;
                }
            }
            return octets == 4;
        }

        private static boolean digits(String w, int from, int to) {
            if (from >= to) {
                return false;
            }
            for (int i = from; i < to; i++) {
                if (w.charAt(i) < '0' || w.charAt(i) > '9') {
                    return false;
                }
            }
            return true;
        }

        /** Addresses and prefixes must parse, as FRR's matcher checks them (lib/command_match.c match_ipv4, match_ipv4_prefix). */
        boolean valid(String word) {
            // dotted quads, the usual case, without the IP library's parse: it was most of what reading cost
            int slash = word.indexOf('/');
            if (this == ADDR && word.indexOf(':') < 0 && slash < 0) {
                return ipv4(word, 0, word.length());
            }
            if (this == PREFIX && word.indexOf(':') < 0 && slash > 0) {
                return ipv4(word, 0, slash) && digits(word, slash + 1, word.length()) && word.length() - slash <= 3
                        && Integer.parseInt(word, slash + 1, word.length(), 10) <= 32;
            }
            try {
                if (this == ASN) {
                    return word.contains(".") || Long.parseLong(word) >= 1 && Long.parseLong(word) <= 4_294_967_295L;
                }
                if (this == ADDR) {
                    IpAddr.parse(word);
                } else if (this == PREFIX) {
                    IpPrefix.parse(word);
                }
                return true;
            } catch (IllegalArgumentException e) {
                return false;
            }
        }
    }

    /** A command after expanding optional groups and alternatives: each word a keyword or a variable, with what matching needs precomputed. */
    static final class Form {
        private final String id;
        private final List<String> words;
        private final boolean[] variable;
        private final Var[] type;
        private final String[] lower;
        private final long[] low;
        private final long[] high;
        private final boolean line;

        Form(String id, List<String> words) {
            this.id = id;
            this.words = List.copyOf(words);
            int n = words.size();
            variable = new boolean[n];
            type = new Var[n];
            lower = new String[n];
            low = new long[n];
            high = new long[n];
            for (int i = 0; i < n; i++) {
                String w = words.get(i);
                variable[i] = Character.isUpperCase(w.charAt(0));
                // interned: matching ranks a keyword once per word, not once per form that shares it
                lower[i] = w.toLowerCase(Locale.ROOT).intern();
                low[i] = Long.MIN_VALUE;
                high[i] = Long.MAX_VALUE;
                if (w.startsWith("RANGE:")) {
                    String[] bounds = w.substring("RANGE:".length()).split("-");
                    type[i] = Var.NUM;
                    low[i] = Long.parseLong(bounds[0]);
                    high[i] = Long.parseLong(bounds[1]);
                } else if (variable[i]) {
                    type[i] = Var.valueOf(w);
                }
            }
            line = n > 0 && words.get(n - 1).equals("LINE");
        }

        String id() {
            return id;
        }

        List<String> words() {
            return words;
        }

        boolean isVar(int i) {
            return variable[i];
        }

        boolean endsInLine() {
            return line;
        }
    }

    /**
     * A line matched to a command: {@code id} names the command it matched, {@code words} are the
     * line's words with keywords in full, {@code args} the words that filled variables.
     */
    record Match(String id, List<String> words, List<String> args, Form form) {
        String text() {
            return String.join(" ", words);
        }

        /** The keywords after the first {@code skip} words, joined: a setting's key. */
        String keywords(int skip) {
            List<String> out = new ArrayList<>();
            for (int i = skip; i < words.size() && i < form.words().size(); i++) {
                if (!form.isVar(i)) {
                    out.add(words.get(i));
                }
            }
            return String.join(" ", out);
        }

        /** The variable words after the first {@code skip} words, joined. */
        String argsAfter(int skip) {
            List<String> out = new ArrayList<>();
            for (int i = skip; i < words.size(); i++) {
                if (i >= form.words().size() - 1 && form.endsInLine() || i < form.words().size() && form.isVar(i)) {
                    out.add(words.get(i));
                }
            }
            return String.join(" ", out);
        }
    }

    /** Why a line matched nothing; AMBIGUOUS, INCOMPLETE and BAD_VALUE are lines vtysh refuses. */
    enum Failure { UNKNOWN, AMBIGUOUS, INCOMPLETE, BAD_VALUE }

    record Result(Match match, Failure failure) {
    }

    private static final int VARS = Var.values().length;

    /** Forms by their first keyword, so a line is matched against the forms its first word can abbreviate only. */
    private final java.util.TreeMap<String, List<Form>> byFirst = new java.util.TreeMap<>();
    private final List<Form> variableFirst = new ArrayList<>();
    private final java.util.concurrent.ConcurrentHashMap<String, List<List<Form>>> groupsByWord = new java.util.concurrent.ConcurrentHashMap<>();

    /** Adds a command under {@code id} (several spellings may share an id). */
    Grammar add(String id, String... commands) {
        for (String c : commands) {
            for (List<String> words : expand(c.trim().split("\\s+"), 0)) {
                Form f = new Form(id, words);
                if (words.isEmpty()) {
                    continue; // an all-optional command's empty spelling: no line is empty here
                }
                if (f.isVar(0)) {
                    variableFirst.add(f);
                } else {
                    byFirst.computeIfAbsent(f.lower[0], k -> new ArrayList<>()).add(f);
                }
            }
        }
        return this;
    }

    private static List<List<String>> expand(String[] tokens, int from) {
        List<List<String>> out = new ArrayList<>();
        if (from == tokens.length) {
            out.add(new ArrayList<>());
            return out;
        }
        String t = tokens[from];
        if (t.startsWith("[")) {
            int end = from;
            while (!tokens[end].endsWith("]")) {
                end++;
            }
            List<String> group = new ArrayList<>();
            for (int i = from; i <= end; i++) {
                group.add(tokens[i]);
            }
            String inner = String.join(" ", group);
            inner = inner.substring(1, inner.length() - 1).trim();
            List<List<String>> rest = expand(tokens, end + 1);
            out.addAll(rest);
            for (String alt : splitAlternatives(inner)) {
                for (List<String> head : expand(alt.trim().split("\\s+"), 0)) {
                    for (List<String> tail : rest) {
                        List<String> both = new ArrayList<>(head);
                        both.addAll(tail);
                        out.add(both);
                    }
                }
            }
            return out;
        }
        List<List<String>> rest = expand(tokens, from + 1);
        List<String> choices = t.matches("\\([0-9]+-[0-9]+\\)") ? List.of("RANGE:" + t.substring(1, t.length() - 1))
                : t.startsWith("(") ? List.of(t.substring(1, t.length() - 1).split("\\|")) : List.of(t);
        for (String choice : choices) {
            for (List<String> tail : rest) {
                List<String> both = new ArrayList<>();
                both.add(choice);
                both.addAll(tail);
                out.add(both);
            }
        }
        return out;
    }

    /** The alternatives of an optional group: split at bars outside parentheses, after dropping parentheses around all of it. */
    private static List<String> splitAlternatives(String inner) {
        if (inner.startsWith("(") && closingParen(inner) == inner.length() - 1 && inner.contains("|")) {
            inner = inner.substring(1, inner.length() - 1);
        }
        List<String> out = new ArrayList<>();
        int depth = 0;
        int start = 0;
        for (int i = 0; i < inner.length(); i++) {
            char c = inner.charAt(i);
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            if (c == '|' && depth == 0) {
                out.add(inner.substring(start, i));
                start = i + 1;
            }
        }
        out.add(inner.substring(start));
        return out;
    }

    private static int closingParen(String s) {
        int depth = 0;
        for (int i = 0; i < s.length(); i++) {
            depth += s.charAt(i) == '(' ? 1 : s.charAt(i) == ')' ? -1 : 0;
            if (depth == 0) {
                return i;
            }
        }
        return -1;
    }

    Result match(String[] line) {
        List<Form> alive = new ArrayList<>();
        String first = line[0].toLowerCase(Locale.ROOT);
        Boolean[][] shapes = new Boolean[line.length][];
        // the forms whose first keyword the first word abbreviates, then those that start with a variable, in the
        // order they were added within each group (the order only decides among equal ranks, which matching refuses)
        for (List<Form> group : groups(first)) {
            addFitting(alive, group, line.length);
        }
        addFitting(alive, variableFirst, line.length);
        String[] full = line.clone();
        for (int i = 0; i < line.length && !alive.isEmpty(); i++) {
            String word = line[i].toLowerCase(Locale.ROOT);
            int best = 0;
            List<Form> kept = new ArrayList<>();
            String lastKeyword = null;
            int lastRank = 0;
            for (Form f : alive) {
                int rank;
                if (i < f.words().size() && !f.isVar(i) && f.lower[i] == lastKeyword) {
                    rank = lastRank;
                } else {
                    rank = rank(f, i, line[i], word, shapes);
                    if (i < f.words().size() && !f.isVar(i)) {
                        lastKeyword = f.lower[i];
                        lastRank = rank;
                    }
                }
                if (rank > best) {
                    best = rank;
                    kept.clear();
                }
                if (rank == best && rank > 0) {
                    kept.add(f);
                }
            }
            if (kept.isEmpty() && i > 0 && (allVariables(alive, i) || wrongValue(alive, i, line[i]))) {
                // the words so far name a command and only its value is wrong: vtysh refuses the line
                return new Result(null, Failure.BAD_VALUE);
            }
            alive = kept;
            if (best == 1) {
                String keyword = null;
                for (Form f : alive) {
                    String k = f.words().get(i);
                    if (keyword != null && !keyword.equals(k)) {
                        return new Result(null, Failure.AMBIGUOUS);
                    }
                    keyword = k;
                }
                full[i] = keyword;
            } else if (best == 3) {
                full[i] = alive.get(0).words().get(i);
            }
            if (allInLine(alive, i)) {
                break;
            }
        }
        if (alive.isEmpty()) {
            return new Result(null, Failure.UNKNOWN);
        }
        for (Form f : alive) {
            if (f.words().size() == line.length || f.endsInLine() && line.length >= f.words().size() - 1) {
                List<String> words = List.of(full);
                List<String> args = new ArrayList<>();
                for (int i = 0; i < line.length; i++) {
                    if (i >= f.words().size() - 1 && f.endsInLine() || i < f.words().size() && f.isVar(i)) {
                        args.add(line[i]);
                    }
                }
                return new Result(new Match(f.id(), words, args, f), null);
            }
        }
        return new Result(null, Failure.INCOMPLETE);
    }

    /**
     * The groups a first word abbreviates, remembered per word: configs repeat a few first words thousands of times.
     * Only words that abbreviate some keyword are remembered, so the map stays as small as the keywords' prefixes.
     */
    private List<List<Form>> groups(String first) {
        List<List<Form>> known = groupsByWord.get(first);
        if (known != null) {
            return known;
        }
        List<List<Form>> groups = List.copyOf(byFirst.subMap(first, true, first + Character.MAX_VALUE, true).values());
        if (!groups.isEmpty()) {
            groupsByWord.putIfAbsent(first, groups);
        }
        return groups;
    }

    private static void addFitting(List<Form> alive, List<Form> group, int length) {
        for (Form f : group) {
            if (f.words().size() >= length || f.endsInLine() && length >= f.words().size() - 1) {
                alive.add(f);
            }
        }
    }

    private static boolean inRange(Form f, int i, String raw) {
        if (f.low[i] == Long.MIN_VALUE) {
            return true;
        }
        try {
            long v = Long.parseLong(raw);
            return v >= f.low[i] && v <= f.high[i];
        } catch (NumberFormatException tooLong) {
            return false;
        }
    }

    /** A variable of the right shape but not a valid value (10.0.0.256, AS 0, 300 for (1-255)). */
    private static boolean wrongValue(List<Form> alive, int i, String raw) {
        for (Form f : alive) {
            if (i < f.words().size() && f.isVar(i) && f.type[i] != Var.WORD && f.type[i].shape.matcher(raw).matches()) {
                return true;
            }
        }
        return false;
    }

    private static boolean allVariables(List<Form> alive, int i) {
        for (Form f : alive) {
            if (i >= f.words().size() || !f.isVar(i)) {
                return false;
            }
        }
        return !alive.isEmpty();
    }

    private static boolean allInLine(List<Form> alive, int i) {
        for (Form f : alive) {
            if (!f.endsInLine() || i < f.words().size() - 1) {
                return false;
            }
        }
        return true;
    }

    /** 3 exact keyword, 2 variable of the right shape, 1 keyword prefix, 0 no match. */
    private static int rank(Form f, int i, String raw, String word, Boolean[][] shapes) {
        if (i >= f.words().size()) {
            return f.endsInLine() ? 2 : 0;
        }
        if (f.isVar(i)) {
            Var v = f.type[i];
            // each word is checked once per variable type: parsing addresses is what reading costs
            Boolean[] known = shapes[i] == null ? shapes[i] = new Boolean[VARS] : shapes[i];
            if (known[v.ordinal()] == null) {
                known[v.ordinal()] = v.accepts(raw);
            }
            return known[v.ordinal()] && inRange(f, i, raw) ? 2 : 0;
        }
        String w = f.lower[i];
        if (w.equals(word)) {
            return 3;
        }
        return w.startsWith(word) ? 1 : 0;
    }
}
