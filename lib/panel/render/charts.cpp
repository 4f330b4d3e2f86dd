#include "panel/render/charts.hpp"

#include "panel/render/markdown.hpp"

#include <algorithm>
#include <optional>
#include <fmt/format.h>

namespace panel::render {
namespace {

// A count as a chart draws it: a suppressed one (1 to N-1) at N-1, the most it can be, flagged
// so that it is labelled "<N" and drawn in grey.
std::pair<std::int64_t, bool> shown(std::int64_t n, int suppress_below)
{
  if (suppress_below > 1 && n >= 1 && n < suppress_below)
    return {suppress_below - 1, true};
  return {n, false};
}

// The top of a chart's scale: the largest count as drawn (at least 1; no data counts for none).
template <class Series>
std::int64_t peak_of(const Series& series, int suppress_below)
{
  std::int64_t peak = 1;
  for (const auto& [key, n] : series)
    peak = std::max(peak, shown(std::optional<std::int64_t>(n).value_or(0), suppress_below).first);
  return peak;
}

std::string svg_open(const std::string& caption, double width, double height)
{
  return fmt::format("<figure><svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" "
                     "role=\"img\" aria-label=\"{}\">\n",
                     width, height, width, height, html_escape(caption));
}

// The x axis, and the top and bottom of the y scale.
std::string axes(double width, double height, double left, double bottom, double top, std::int64_t peak)
{
  return fmt::format("<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" stroke=\"#444\"/>\n", left, height - bottom, width,
                     height - bottom) +
         fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n", left - 4, top + 8, peak) +
         fmt::format("<text x=\"{}\" y=\"{}\" font-size=\"10\" text-anchor=\"end\">0</text>\n", left - 4, height - bottom);
}

} // namespace

// Bar chart of a monthly series, as inline SVG.
std::string bar_chart(const std::string& caption, const core::Counts& series, int suppress_below)
{
  return bar_chart(caption, core::MonthlyCounts(series.begin(), series.end()), suppress_below);
}

std::string bar_chart(const std::string& caption, const core::MonthlyCounts& series, int suppress_below)
{
  if (series.empty())
    return "";
  const double width = 640, height = 220, left = 40, bottom = 30, top = 10;
  const std::int64_t peak = peak_of(series, suppress_below);
  const double slot = (width - left) / static_cast<double>(series.size());
  std::string svg = svg_open(caption, width, height) + axes(width, height, left, bottom, top, peak);
  for (size_t i = 0; i < series.size(); ++i) {
    const auto& key = series[i].first;
    const double x = left + slot * static_cast<double>(i) + slot * 0.15;
    if (series[i].second) {
      const auto n = shown(*series[i].second, suppress_below);
      const auto label = n.second ? fmt::format("<{}", suppress_below) : std::to_string(n.first);
      const double h = (height - bottom - top) * static_cast<double>(n.first) / static_cast<double>(peak);
      svg += fmt::format("<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\"><title>{}: {}</title></rect>\n",
                         x, height - bottom - h, slot * 0.7, h, n.second ? "#b1b4b6" : "#1d70b8", key, html_escape(label));
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n", x + slot * 0.35,
                         height - bottom - h - 2, html_escape(label));
    } else {
      // No data (police months never imported) is a gap, never a bar of 0.
      svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"8\" fill=\"#505a5f\" text-anchor=\"middle\">"
                         "<title>{}: no data</title>no data</text>\n",
                         x + slot * 0.35, height - bottom - 2, key);
    }
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n", x + slot * 0.35,
                       height - bottom + 12, key.substr(2));
  }
  svg += "</svg><figcaption>" + html_escape(caption) + "</figcaption></figure>\n";
  return svg;
}

// Horizontal bars for a breakdown (referrals by category).
std::string hbar_chart(const std::string& caption, const core::Counts& rows)
{
  if (rows.empty())
    return "";
  const std::int64_t peak = peak_of(rows, 0);
  const double width = 640, label = 200, bar = 18;
  const double height = bar * static_cast<double>(rows.size()) + 10;
  std::string svg = svg_open(caption, width, height);
  for (size_t i = 0; i < rows.size(); ++i) {
    const double y = 5 + bar * static_cast<double>(i);
    const double w = (width - label - 40) * static_cast<double>(rows[i].second) / static_cast<double>(peak);
    svg += fmt::format("<text x=\"{}\" y=\"{:.1f}\" font-size=\"10\" text-anchor=\"end\">{}</text>\n", label - 6, y + bar * 0.65,
                       html_escape(rows[i].first));
    svg += fmt::format("<rect x=\"{}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"#00703c\"/>\n", label, y, w, bar * 0.75);
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" font-size=\"10\">{}</text>\n", label + w + 4, y + bar * 0.65, rows[i].second);
  }
  svg += "</svg><figcaption>" + html_escape(caption) + "</figcaption></figure>\n";
  return svg;
}

// A line chart of a monthly series (cases open over time).
std::string line_chart(const std::string& caption, const core::Counts& series, int suppress_below)
{
  if (series.empty())
    return "";
  const double width = 640, height = 220, left = 40, bottom = 30, top = 10;
  const std::int64_t peak = peak_of(series, suppress_below);
  const double step = series.size() > 1 ? (width - left - 40) / static_cast<double>(series.size() - 1) : 0;
  std::string svg = svg_open(caption, width, height) + axes(width, height, left, bottom, top, peak);
  std::string points;
  for (size_t i = 0; i < series.size(); ++i) {
    const auto n = shown(series[i].second, suppress_below);
    const double x = left + 10 + step * static_cast<double>(i);
    const double y = height - bottom - (height - bottom - top) * static_cast<double>(n.first) / static_cast<double>(peak);
    points += fmt::format("{}{:.1f},{:.1f}", i ? " " : "", x, y);
    svg += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"3\" fill=\"{}\"><title>{}: {}</title></circle>\n", x, y,
                       n.second ? "#b1b4b6" : "#d4351c", series[i].first,
                       html_escape(n.second ? fmt::format("<{}", suppress_below) : std::to_string(n.first)));
    svg += fmt::format("<text x=\"{:.1f}\" y=\"{}\" font-size=\"9\" text-anchor=\"middle\">{}</text>\n", x, height - bottom + 12,
                       series[i].first.substr(2));
  }
  svg += fmt::format("<polyline points=\"{}\" fill=\"none\" stroke=\"#d4351c\" stroke-width=\"2\"/>\n", points);
  svg += "</svg><figcaption>" + html_escape(caption) + "</figcaption></figure>\n";
  return svg;
}

} // namespace panel::render
