package dev.tcpscope.web;

import dev.tcpscope.present.color.FilterColorizer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The web view in a real Chromium: the seed's capture (20 packets of a loopback exchange),
 * opened, filtered, selected, its tree and bytes clicked, as a learner would.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class WebViewTest {
    private CaptureIndex index;
    private WebServer server;
    private WebDriver browser;
    private WebDriverWait wait;

    @BeforeAll
    void start() throws Exception {
        assumeTrue(Browser.available(), "needs Debian's chromium and chromium-driver");
        index = new CaptureIndex(Path.of("captures/learn_tcp.pcapng"), FilterColorizer.defaults()).start();
        server = new WebServer(index, InetAddress.getLoopbackAddress(), 0, false).start();
        browser = Browser.start();
        wait = new WebDriverWait(browser, Duration.ofSeconds(20)) {
            @Override
            protected RuntimeException timeoutException(String message, Throwable last) {
                // what the page said, for a failure that happens only in the browser
                return new AssertionError(message + "; status line: \"" + browser.findElement(By.id("status")).getText()
                        + "\"; rows: " + rows().size() + "; filter error: \""
                        + browser.findElement(By.id("filter-error")).getText() + "\"; console: "
                        + browser.manage().logs().get("browser").getAll(), last) instanceof AssertionError a
                        ? new org.openqa.selenium.TimeoutException(a.getMessage(), last) : null;
            }
        };
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the page re-renders rows and plots
    }

    @AfterAll
    void stop() throws Exception {
        if (browser != null) {
            browser.quit();
        }
        if (server != null) {
            server.close();
        }
        if (index != null) {
            index.close();
        }
    }

    private String url(String query) {
        return "http://127.0.0.1:" + server.port() + "/" + query;
    }

    private List<WebElement> rows() {
        return browser.findElements(By.cssSelector("#list .row[data-frame]"));
    }

    private WebElement row(int frame) {
        return browser.findElement(By.cssSelector("#list .row[data-frame='" + frame + "']"));
    }

    @Test
    void listsColorsFiltersAndExplains() throws Exception {
        browser.get(url(""));
        wait.until(d -> rows().size() == 20);
        assertThat(row(1).getText()).contains("5201 → 5200 [SYN] Seq=0 Win=65495");
        // the SYN is painted by Wireshark's "TCP SYN/FIN" rule: dark gray (160,160,160)
        assertThat(row(1).getCssValue("background-color")).isEqualTo("rgba(160, 160, 160, 1)");
        assertThat(row(4).getText()).contains("[PSH, ACK]").contains("Len=6");
        Browser.screenshot(browser, "list");

        WebElement filter = browser.findElement(By.id("filter"));
        filter.sendKeys("tcp.flags.syn ==");
        wait.until(d -> "invalid".equals(filter.getAttribute("class")));
        assertThat(browser.findElement(By.id("filter-error")).getText()).contains("Unexpected end of filter expression");
        filter.sendKeys(" 1");
        wait.until(d -> "valid".equals(filter.getAttribute("class")));
        filter.sendKeys(Keys.ENTER);
        wait.until(d -> rows().size() == 2);
        assertThat(rows().get(1).getText()).contains("[SYN, ACK]");
        Browser.screenshot(browser, "filtered");
        browser.findElement(By.id("clear")).click();
        wait.until(d -> rows().size() == 20);

        Browser.click(browser, By.cssSelector("#list .row[data-frame='4']"));
        wait.until(d -> d.findElement(By.id("tree")).getText().contains("Transmission Control Protocol, Src Port: 5200"));
        String teacher = browser.findElement(By.id("teacher")).getText();
        assertThat(teacher).contains("Packet 4").contains("ESTABLISHED");
        assertThat(browser.findElement(By.id("explain")).getText()).isNotBlank();
        // the header figure lights the ACK and PSH columns: their names (three rows) and bits
        assertThat(browser.findElements(By.cssSelector("#figure mark")).stream().map(WebElement::getText)
                .reduce("", String::concat)).isEqualTo("APCSKH11");

        WebElement raw = item("Sequence Number (raw): ");
        raw.click();
        List<WebElement> lit = browser.findElements(By.cssSelector("#hex .b.hl"));
        assertThat(lit).hasSize(4);
        assertThat(lit.stream().map(WebElement::getText).reduce("", String::concat)).isEqualTo("35eff6c3");
        Browser.screenshot(browser, "sequence-raw");

        // a click on the first byte of the IPv4 source address selects that field
        browser.findElement(By.cssSelector("#hex .b[data-i='26']")).click();
        assertThat(browser.findElement(By.cssSelector("#tree .item.selected")).getText()).startsWith("Source Address: 127.0.0.1");

        browser.findElement(By.id("list")).sendKeys(Keys.ARROW_DOWN);
        wait.until(d -> d.findElement(By.id("teacher-title")).getText().startsWith("Packet 5"));
        assertThat(browser.getCurrentUrl()).contains("frame=5");
    }

    @Test
    void urlCarriesFilterFrameAndLanguage() throws Exception {
        browser.get(url("?filter=tcp.len%3E0&frame=6&lang=zh"));
        wait.until(d -> rows().size() == 8);
        wait.until(d -> d.findElement(By.id("teacher-title")).getText().startsWith("第 6 个包"));
        assertThat(browser.findElement(By.cssSelector("#list .row.selected")).getAttribute("data-frame")).isEqualTo("6");
        assertThat(browser.findElement(By.id("states")).getText()).contains("客户端");
        Browser.screenshot(browser, "url-state-zh");
    }

    @Test
    void fieldsApplyAsFilter() {
        browser.get(url("?frame=1"));
        wait.until(d -> d.findElement(By.id("tree")).getText().contains("Transmission Control Protocol"));
        WebElement port = item("Destination Port: 5200");
        new org.openqa.selenium.interactions.Actions(browser).contextClick(port).perform();
        browser.findElement(By.cssSelector("#menu [data-act='apply']")).click();
        wait.until(d -> d.findElement(By.id("filter")).getAttribute("value").equals("tcp.dstport == 5200"));
        wait.until(d -> rows().size() == 9);
    }

    @Test
    void flowGraphLeadsToItsPacket() throws Exception {
        browser.get(url("?frame=1"));
        wait.until(d -> d.findElement(By.id("tree")).getText().contains("Transmission Control Protocol"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("stats"))).selectByValue("flow");
        wait.until(d -> d.findElements(By.cssSelector("#report .frame")).size() == 20);
        Browser.screenshot(browser, "flow-graph");
        browser.findElements(By.cssSelector("#report .frame")).get(16).click();
        wait.until(d -> d.findElement(By.id("teacher-title")).getText().startsWith("Packet 17"));
        new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("stats"))).selectByValue("conv,tcp");
        wait.until(d -> d.findElement(By.id("report")).getText().contains("TCP Conversations"));
        assertThat(browser.findElement(By.id("report")).getText()).contains("127.0.0.1:5201");
    }

    @Test
    void streamGraphsOpenForTheSelectedStream() throws Exception {
        browser.get(url("?frame=4"));
        wait.until(d -> d.findElement(By.id("teacher-title")).getText().startsWith("Packet 4"));
        browser.findElement(By.id("graph-button")).click();
        java.util.Map<String, String> titles = java.util.Map.of("stevens", "Sequence Numbers (Stevens)",
                "tcptrace", "Sequence Numbers (tcptrace)", "throughput", "Throughput", "rtt", "Round Trip Time",
                "window", "Window Scaling");
        for (String type : List.of("tcptrace", "throughput", "rtt", "window", "stevens")) {
            new org.openqa.selenium.support.ui.Select(browser.findElement(By.id("graph-type"))).selectByValue(type);
            wait.until(d -> !d.findElements(By.cssSelector("#graph canvas")).isEmpty()
                    && d.findElement(By.cssSelector("#graph .u-title")).getText().startsWith(titles.get(type)));
            Browser.screenshot(browser, "graph-" + type);
        }
        // the server sent more payload (63 bytes to 19): its direction is drawn
        assertThat(browser.findElement(By.cssSelector("#graph .u-title")).getText()).endsWith("127.0.0.1:5200 → 127.0.0.1:5201");
        assertThat(browser.findElement(By.id("graph-note")).getText()).isEmpty();
    }

    @Test
    void columnTitlesSort() {
        browser.get(url(""));
        wait.until(d -> rows().size() == 20);
        WebElement length = browser.findElement(By.cssSelector("#list-head .c5"));
        length.click();
        wait.until(d -> firstRowIs("3"));
        assertThat(rows().getLast().getAttribute("data-frame")).isEqualTo("14");
        length.click();
        wait.until(d -> firstRowIs("8"));
        length.click();
        wait.until(d -> firstRowIs("1"));
    }

    /** Whether the list's first row is frame {@code frame} (false while the list is redrawn and empty). */
    private boolean firstRowIs(String frame) {
        List<WebElement> r = rows();
        return !r.isEmpty() && frame.equals(r.getFirst().getAttribute("data-frame"));
    }

    /** The tree item whose text starts with {@code label}, its ancestors opened. */
    /**
     * A frame that completed a PDU spread over three segments: its segment items light their
     * bytes in the "Reassembled TCP" data source, which gets its own tab as in Wireshark's pane.
     */
    @Test
    void reassembledBytesShowInTheirOwnTab() throws Exception {
        try (CaptureIndex http = new CaptureIndex(Path.of("captures/zeek-http-bro.org.pcap"), FilterColorizer.defaults()).start();
             WebServer other = new WebServer(http, InetAddress.getLoopbackAddress(), 0, false).start()) {
            browser.get("http://127.0.0.1:" + other.port() + "/?frame=65");
            wait.until(d -> d.findElement(By.id("tree")).getAttribute("textContent").contains("Reassembled TCP Segments"));
            List<WebElement> tabs = browser.findElements(By.cssSelector("#sources button"));
            assertThat(tabs).extracting(WebElement::getText)
                    .containsExactly("Frame (454 bytes)", "Reassembled TCP (3240 bytes)");
            item("[Frame: 65, payload: 2840-3239 (400 bytes)]").click();
            wait.until(d -> d.findElement(By.cssSelector("#sources button.current")).getText().startsWith("Reassembled TCP"));
            List<WebElement> lit = browser.findElements(By.cssSelector("#hex .b.hl"));
            assertThat(lit).hasSize(400);
            assertThat(lit.getFirst().getAttribute("data-i")).isEqualTo("2840");
            Browser.screenshot(browser, "reassembled-source");
            // back on the frame's tab, a byte of the TCP header selects its field there
            browser.findElements(By.cssSelector("#sources button")).getFirst().click(); // the tabs were drawn anew
            browser.findElement(By.cssSelector("#hex .b[data-i='34']")).click();
            assertThat(browser.findElement(By.cssSelector("#tree .item.selected")).getText()).startsWith("Source Port: 80");
        }
    }

    private WebElement item(String label) {
        WebElement found = wait.until(d -> d.findElements(By.cssSelector("#tree .item")).stream()
                .filter(e -> e.getAttribute("textContent").startsWith(label)).findFirst().orElse(null));
        ((org.openqa.selenium.JavascriptExecutor) browser).executeScript(
                "for (let li = arguments[0].parentElement; li; li = li.parentElement.closest('li'))"
                        + " li.classList.replace('closed', 'open'); arguments[0].scrollIntoView();", found);
        return found;
    }
}
