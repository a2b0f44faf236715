package io.voipconfig.phonesim;

import java.awt.Color;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;

/** Throughput (phones and requests per second) and p99 latency over time, as a PNG drawn with XChart. */
public final class Plot {

    private Plot() {
    }

    public static void write(List<Stats.Second> timeline, String title, Path png) throws IOException {
        double[] x = timeline.stream().mapToDouble(Stats.Second::second).toArray();
        double[] phones = timeline.stream().mapToDouble(Stats.Second::phones).toArray();
        double[] requests = timeline.stream().mapToDouble(Stats.Second::requests).toArray();
        double[] p99 = timeline.stream().mapToDouble(Stats.Second::p99Millis).toArray();
        if (x.length == 0) {
            x = new double[]{0};
            phones = new double[]{0};
            requests = new double[]{0};
            p99 = new double[]{0};
        }
        XYChart chart = new XYChartBuilder().width(1100).height(560).title(title).xAxisTitle("seconds")
                .yAxisTitle("per second").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW).setMarkerSize(0)
                .setChartBackgroundColor(Color.WHITE).setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        XYSeries p = chart.addSeries("phones completed / s", x, phones);
        p.setLineColor(new Color(0x1f77b4));
        XYSeries r = chart.addSeries("requests / s", x, requests);
        r.setLineColor(new Color(0x2ca02c));
        XYSeries l = chart.addSeries("p99 latency (ms, right axis)", x, p99);
        l.setLineColor(new Color(0xd62728));
        l.setYAxisGroup(1);
        chart.setYAxisGroupTitle(1, "p99 ms");
        BitmapEncoder.saveBitmap(chart, png.toString(), BitmapEncoder.BitmapFormat.PNG);
    }
}
