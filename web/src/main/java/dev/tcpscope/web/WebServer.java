package dev.tcpscope.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.present.color.ColoringRule;
import dev.tcpscope.present.explain.Lang;
import dev.tcpscope.web.graph.GraphType;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The web view's HTTP server: the JDK's own {@code com.sun.net.httpserver},
 * serving the page, its libraries and a small JSON API over the one capture it was started with.
 *
 * <p>Safety, for a server that reads a capture people may not want to share: it binds the
 * loopback address unless told otherwise, and then requires a random token; it checks the Host
 * header (so a web page elsewhere cannot reach it through DNS rebinding); no path from the client
 * reaches the file system (static files come from a fixed table); it answers only GET, bounds
 * the request line, runs at most {@value Views#RUNNING} filters at once, and answers every
 * failure with a one-line JSON error, never a stack trace.
 */
final class WebServer implements AutoCloseable {
    static final int MAX_URI = 8192;
    private static final int MAX_ROWS = 2000;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Page files and libraries: URL path to class-path resource and media type. */
    private static final Map<String, String[]> STATIC = Map.of(
            "/", new String[] {"dev/tcpscope/web/static/index.html", "text/html; charset=utf-8"},
            "/app.js", new String[] {"dev/tcpscope/web/static/app.js", "text/javascript; charset=utf-8"},
            "/app.css", new String[] {"dev/tcpscope/web/static/app.css", "text/css; charset=utf-8"},
            "/lib/uPlot.iife.min.js", new String[] {"META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.iife.min.js",
                    "text/javascript; charset=utf-8"},
            "/lib/uPlot.min.css", new String[] {"META-INF/resources/webjars/uplot/1.6.30/dist/uPlot.min.css",
                    "text/css; charset=utf-8"},
            "/lib/virtual-core/index.js", new String[] {
                    "META-INF/resources/webjars/tanstack__virtual-core/3.13.12/dist/esm/index.js", "text/javascript; charset=utf-8"},
            "/lib/virtual-core/utils.js", new String[] {
                    "META-INF/resources/webjars/tanstack__virtual-core/3.13.12/dist/esm/utils.js", "text/javascript; charset=utf-8"});

    private final CaptureIndex index;
    private final Views views;
    private final FrameCursor cursor;
    private final Reports reports;
    private final Graphs graphs;
    private final HttpServer server;
    /**
     * Platform threads, not virtual ones: a filter or the details walk the capture for seconds of
     * CPU, and measured on the 1M-packet bench file they ran 1.5x slower on a virtual thread.
     * At most 64 requests run at once (event streams included); more are refused.
     */
    private final ExecutorService executor = new java.util.concurrent.ThreadPoolExecutor(4, 64, 30,
            java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.SynchronousQueue<>(),
            Thread.ofPlatform().daemon().name("tcpscope-web-", 0).factory());
    private final String token;
    private final Set<String> hosts;

    /**
     * Serves {@code index}'s capture on {@code bind}:{@code port} (0: an ephemeral port); with
     * {@code tokenRequired} (any bind address other than loopback) every request must carry a
     * random token, made here, and any Host name is accepted; without it the Host header must
     * name the loopback address.
     */
    WebServer(CaptureIndex index, InetAddress bind, int port, boolean tokenRequired) throws IOException {
        this.index = index;
        this.views = new Views(index);
        this.cursor = new FrameCursor(index.file(), index.colorizer(), index::stream);
        this.reports = new Reports(index, views);
        this.graphs = new Graphs(index, views);
        this.server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        this.token = tokenRequired ? newToken() : null;
        int p = server.getAddress().getPort();
        this.hosts = !tokenRequired
                ? Set.of("127.0.0.1:" + p, "localhost:" + p, "[::1]:" + p)
                : null; // with a token, any name that reaches the server will do
        server.setExecutor(executor);
        server.createContext("/", this::handle);
    }

    private static String newToken() {
        byte[] b = new byte[16];
        new SecureRandom().nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    public WebServer start() {
        server.start();
        return this;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The page's address (with the token when one is needed). */
    public String url(String host) {
        return "http://" + host + ":" + port() + "/" + (token == null ? "" : "?token=" + token);
    }

    private void handle(HttpExchange x) throws IOException {
        try (x) {
            try {
                route(x);
            } catch (HttpError e) {
                error(x, e.status, e.getMessage());
            } catch (FilterSyntaxException e) {
                ObjectNode o = JSON.createObjectNode();
                o.put("error", e.problem());
                o.put("start", e.span().start());
                o.put("end", e.span().end());
                send(x, 400, o);
            } catch (IllegalArgumentException e) {
                error(x, 400, WebErrors.oneLine(e));
            } catch (Views.Busy e) {
                error(x, 503, e.getMessage());
            } catch (Views.Cancelled e) {
                error(x, 409, e.getMessage());
            } catch (Exception e) {
                error(x, 500, WebErrors.oneLine(e));
            }
        }
    }

    private static final class HttpError extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        HttpError(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    private void route(HttpExchange x) throws Exception {
        String raw = x.getRequestURI().getRawPath();
        String query = x.getRequestURI().getRawQuery();
        if (x.getRequestURI().toString().length() > MAX_URI) {
            throw new HttpError(414, "request too long");
        }
        if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
            throw new HttpError(405, "only GET is served");
        }
        String host = x.getRequestHeaders().getFirst("Host");
        if (hosts != null && (host == null || !hosts.contains(host.toLowerCase(java.util.Locale.ROOT)))) {
            throw new HttpError(403, "unexpected Host header; open the address tcpscope printed");
        }
        Map<String, String> q = parse(query);
        String[] file = STATIC.get(raw);
        if (file != null && !raw.equals("/")) {
            resource(x, file);
            return;
        }
        if (token != null) {
            String given = q.getOrDefault("token", x.getRequestHeaders().getFirst("X-Tcpscope-Token"));
            if (!token.equals(given)) {
                throw new HttpError(403, "missing or wrong token; open the address tcpscope printed");
            }
        }
        switch (raw) {
            case "/" -> resource(x, file);
            case "/api/status" -> send(x, 200, status());
            case "/api/rules" -> send(x, 200, rules());
            case "/api/check" -> {
                Views.compile(q.getOrDefault("filter", ""));
                send(x, 200, JSON.createObjectNode().put("ok", true));
            }
            case "/api/view" -> {
                int sort = q.containsKey("sort") ? (int) number(q, "sort", 0, COLUMNS.size() - 1) : -1;
                Views.View v = views.apply(q.getOrDefault("filter", "").strip(), q.get("tab"), sort, "1".equals(q.get("desc")));
                send(x, 200, JSON.createObjectNode().put("view", v.id()).put("size", v.size()));
            }
            case "/api/events" -> events(x);
            case "/api/watch" -> watch(x, q.get("tab"));
            case "/api/rows" -> send(x, 200, rows(q));
            case "/api/find" -> send(x, 200, find(q));
            case "/api/teacher" -> {
                long n = number(q, "n", 1, Integer.MAX_VALUE);
                send(x, 200, found(cursor.teacher(n), n));
            }
            case "/api/graph" -> {
                int stream = (int) number(q, "stream", 0, Integer.MAX_VALUE);
                GraphType type = GraphType.parse(q.getOrDefault("type", "stevens"));
                boolean reverse = "true".equals(q.get("reverse"));
                send(x, 200, graphs.graph(stream, type, reverse, q.get("tab")));
            }
            case "/api/stat" -> send(x, 200, lines(reports.statistic(q.getOrDefault("z", ""), q.get("tab"))));
            case "/api/flow" -> {
                int stream = (int) number(q, "stream", 0, Integer.MAX_VALUE);
                Lang lang = "zh".equals(q.get("lang")) ? Lang.ZH : Lang.EN;
                send(x, 200, lines(reports.flow(stream, lang, index.colorizer(), q.get("tab"))));
            }
            case "/api/frame" -> {
                long n = number(q, "n", 1, Integer.MAX_VALUE);
                send(x, 200, found(cursor.frame(n), n));
            }
            default -> throw new HttpError(404, "no such page: " + raw);
        }
    }

    private final java.util.concurrent.CountDownLatch pageOpened = new java.util.concurrent.CountDownLatch(1);

    /** Waits until a page has opened its event stream; false when {@code limit} passed first. */
    boolean awaitPage(java.time.Duration limit) throws InterruptedException {
        return pageOpened.await(limit.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Open event streams; each is a virtual thread that mostly waits. */
    private final java.util.concurrent.Semaphore streams = new java.util.concurrent.Semaphore(MAX_STREAMS);
    static final int MAX_STREAMS = 32;

    /**
     * Server-sent events: the status, sent at once and again whenever more rows are listed (a
     * capture being indexed, a live capture), until the list is complete or the tab goes away.
     */
    private void events(HttpExchange x) throws Exception {
        if (!streams.tryAcquire()) {
            throw new HttpError(503, "too many open pages; close some tabs");
        }
        pageOpened.countDown();
        try {
            OutputStream out = eventStream(x);
            long seen = 0;
            while (true) {
                boolean done = index.done();
                out.write(("data: " + JSON.writeValueAsString(status()) + "\n\n").getBytes(StandardCharsets.UTF_8));
                out.flush(); // a closed tab fails here, which ends this stream
                if (done) {
                    break;
                }
                seen = index.awaitChange(seen, 15_000);
            }
        } finally {
            streams.release();
        }
    }

    /**
     * Watches a tab while it waits for a long answer (a filter, a report, a graph): a heartbeat
     * every half second finds the tab closed, and its pass is cancelled. The page opens this next
     * to the long request and closes it with the answer (so a page holds no connection when idle:
     * browsers allow six per server, shared by all tabs).
     */
    private void watch(HttpExchange x, String tab) throws Exception {
        if (tab == null || !streams.tryAcquire()) {
            throw new HttpError(tab == null ? 400 : 503, tab == null ? "missing parameter tab" : "too many open pages; close some tabs");
        }
        try {
            OutputStream out = eventStream(x);
            long quiet = 0;
            while (quiet < 4) { // a little while for the pass to start, and until it ends
                out.write(": waiting\n\n".getBytes(StandardCharsets.UTF_8));
                out.flush();
                Thread.sleep(500);
                quiet = views.running(tab) ? 0 : quiet + 1;
            }
        } catch (IOException closed) {
            views.cancel(tab); // the tab went away: its pass stops
        } finally {
            streams.release();
        }
    }

    private static OutputStream eventStream(HttpExchange x) throws IOException {
        x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        x.sendResponseHeaders(200, 0);
        return x.getResponseBody();
    }

    /** What the cursor gave for frame {@code n}, or a 404 when the capture has fewer frames. */
    private ObjectNode found(ObjectNode answer, long n) throws HttpError {
        if (answer == null) {
            throw new HttpError(404, "no frame " + n + " (the capture has " + index.frames() + ")");
        }
        return answer;
    }

    private static ObjectNode lines(List<String> lines) {
        ObjectNode o = JSON.createObjectNode();
        ArrayNode a = o.putArray("lines");
        lines.forEach(a::add);
        return o;
    }

    private ObjectNode status() {
        ObjectNode o = JSON.createObjectNode();
        o.put("file", index.file().getFileName().toString());
        o.put("frames", index.frames());
        o.put("done", index.done());
        o.put("live", index.live());
        o.put("progress", index.progress());
        if (index.error() != null) {
            o.put("error", index.error());
        }
        return o;
    }

    private ArrayNode rules() {
        ArrayNode a = JSON.createArrayNode();
        for (ColoringRule r : index.rules()) {
            a.addObject().put("name", r.name()).put("filter", r.filter())
                    .put("fg", String.format("#%06x", r.foreground())).put("bg", String.format("#%06x", r.background()))
                    .put("disabled", r.disabled());
        }
        return a;
    }

    /** Rows {@code from} .. {@code from+count-1} of a view (0: every frame). */
    private ObjectNode rows(Map<String, String> q) throws Exception {
        int id = (int) number(q, "view", 0, Integer.MAX_VALUE);
        int from = (int) number(q, "from", 0, Integer.MAX_VALUE);
        int count = (int) number(q, "count", 1, MAX_ROWS);
        Views.View v = id == 0 ? null : views.get(id);
        if (id != 0 && v == null) {
            throw new HttpError(404, "no view " + id + "; apply the filter again");
        }
        int size = v == null ? index.frames() : v.size();
        ObjectNode o = JSON.createObjectNode();
        o.put("size", size);
        o.put("done", index.done());
        ArrayNode rows = o.putArray("rows");
        int available = index.frames();
        for (int i = from; i < Math.min(size, from + count); i++) {
            int number = v == null ? i + 1 : v.frames()[i];
            if (number > available) {
                break; // listed by the index soon; the page asks again
            }
            ArrayNode r = rows.addArray();
            for (String c : index.row(number)) {
                r.add(c);
            }
        }
        return o;
    }

    /** The position of frame {@code n} in a view, or of the nearest shown frame after it. */
    private ObjectNode find(Map<String, String> q) throws Exception {
        int id = (int) number(q, "view", 0, Integer.MAX_VALUE);
        long n = number(q, "n", 1, Integer.MAX_VALUE);
        Views.View v = id == 0 ? null : views.get(id);
        if (id != 0 && v == null) {
            throw new HttpError(404, "no view " + id + "; apply the filter again");
        }
        int at = v == null ? (n <= index.frames() ? (int) n - 1 : -1) : v.find((int) n);
        return JSON.createObjectNode().put("index", at);
    }

    private static long number(Map<String, String> q, String name, long min, long max) throws HttpError {
        String s = q.get(name);
        if (s == null) {
            throw new HttpError(400, "missing parameter " + name);
        }
        try {
            long v = Long.parseLong(s);
            if (v < min || v > max) {
                throw new HttpError(400, "parameter " + name + " out of range (" + min + ".." + max + "): " + s);
            }
            return v;
        } catch (NumberFormatException e) {
            throw new HttpError(400, "parameter " + name + " is not a number: " + s);
        }
    }

    private static Map<String, String> parse(String query) {
        Map<String, String> q = new HashMap<>();
        if (query == null) {
            return q;
        }
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            String k = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String v = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            q.putIfAbsent(k, v);
        }
        return q;
    }

    private static void resource(HttpExchange x, String[] file) throws IOException {
        byte[] body;
        try (InputStream in = WebServer.class.getClassLoader().getResourceAsStream(file[0])) {
            if (in == null) {
                throw new IOException("missing resource " + file[0]);
            }
            body = in.readAllBytes();
        }
        x.getResponseHeaders().set("Content-Type", file[1]);
        x.getResponseHeaders().set("Cache-Control", "no-cache");
        write(x, 200, body);
    }

    private static void send(HttpExchange x, int status, Object json) throws IOException {
        x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        x.getResponseHeaders().set("Cache-Control", "no-store");
        write(x, status, JSON.writeValueAsBytes(json));
    }

    private static void error(HttpExchange x, int status, String message) throws IOException {
        send(x, status, JSON.createObjectNode().put("error", message));
    }

    private static void write(HttpExchange x, int status, byte[] body) throws IOException {
        x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        boolean head = x.getRequestMethod().equals("HEAD");
        x.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
        if (!head && body.length > 0) {
            try (OutputStream out = x.getResponseBody()) {
                out.write(body);
            }
        }
    }

    /** What {@link #rows} and the page show for each row: the column titles. */
    static final List<String> COLUMNS = List.of("No.", "Time", "Source", "Destination", "Protocol", "Length", "Info");

    @Override
    public void close() throws IOException {
        server.stop(0);
        executor.shutdownNow();
        cursor.close();
    }
}
