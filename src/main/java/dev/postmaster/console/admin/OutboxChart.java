package dev.postmaster.console.admin;

import dev.postmaster.outbox.boundary.OutboxStatistics.Minute;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.ToLongFunction;

/**
 * The Outbox page's "Last hour" chart as the Chart.js configuration that PrimeFaces' {@code p:chart} takes: per
 * minute, sent, deferred and failed as stacked bars, and the queue depth as a line on its own axis, so a backlog
 * shows as a line that climbs while the bars stay low. Times are UTC, like every time in the console.
 */
final class OutboxChart {

    private static final DateTimeFormatter MINUTE = DateTimeFormatter.ofPattern("HH:mm").withZone(ZoneOffset.UTC);

    private OutboxChart() {
    }

    static String of(List<Minute> minutes) {
        JsonArrayBuilder labels = Json.createArrayBuilder();
        minutes.forEach(m -> labels.add(MINUTE.format(m.minute())));
        JsonObject data = Json.createObjectBuilder()
                .add("labels", labels)
                .add("datasets", Json.createArrayBuilder()
                        .add(bars("Sent", "#22c55e", minutes, Minute::sent))
                        .add(bars("Deferred", "#f59e0b", minutes, Minute::deferred))
                        .add(bars("Failed", "#ef4444", minutes, Minute::failed))
                        .add(series(minutes, Minute::depth).add("type", "line").add("label", "Queue depth")
                                .add("borderColor", "#3b82f6").add("backgroundColor", "#3b82f6")
                                .add("yAxisID", "depth").add("pointRadius", 0).add("tension", 0.2)))
                .build();
        JsonObject options = Json.createObjectBuilder()
                .add("animation", false)
                .add("maintainAspectRatio", false)
                .add("interaction", Json.createObjectBuilder().add("mode", "index").add("intersect", false))
                .add("scales", Json.createObjectBuilder()
                        .add("x", Json.createObjectBuilder().add("stacked", true))
                        .add("y", axis("mails per minute").add("stacked", true))
                        .add("depth", axis("waiting").add("position", "right")
                                .add("grid", Json.createObjectBuilder().add("drawOnChartArea", false))))
                .build();
        return Json.createObjectBuilder().add("type", "bar").add("data", data).add("options", options).build()
                .toString();
    }

    private static JsonObjectBuilder bars(String label, String color, List<Minute> minutes,
            ToLongFunction<Minute> value) {
        return series(minutes, value).add("type", "bar").add("label", label).add("backgroundColor", color)
                .add("stack", "mail");
    }

    private static JsonObjectBuilder series(List<Minute> minutes, ToLongFunction<Minute> value) {
        JsonArrayBuilder points = Json.createArrayBuilder();
        minutes.forEach(m -> points.add(value.applyAsLong(m)));
        return Json.createObjectBuilder().add("data", points);
    }

    private static JsonObjectBuilder axis(String title) {
        return Json.createObjectBuilder().add("beginAtZero", true)
                .add("ticks", Json.createObjectBuilder().add("precision", 0))
                .add("title", Json.createObjectBuilder().add("display", true).add("text", title));
    }
}
