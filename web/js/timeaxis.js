// The time axis: /api/timeline items on a vis-timeline, events in one row and agreement
// status changes in another, coloured by status. No imports: the explorer loads it as
// a module, the notebook view inlines it. Labels are set as text (vis-timeline's
// `content` given a DOM node), never as HTML.

const CLUSTER_FROM = 400;

function textNode(text) {
  const span = document.createElement("span");
  span.textContent = text;
  return span;
}

/** vis-timeline items (plain objects) for the /api/timeline answer. */
export function timelineItems(data, label = (i) => i.label, dots = false) {
  return (data.items || []).map((item) => ({
    id: item.id,
    group: item.kind === "status" ? "status" : "events",
    start: item.date,
    type: "point",
    className: item.kind === "status" ? `tl-status tl-${item.status}` : `tl-event tl-${item.type}`,
    // A strip under the map has no room for words: dots, with the words as a tooltip.
    content: textNode(
      dots ? "" : item.kind === "status" ? `${item.status}: ${label(item)}` : label(item),
    ),
    title: `${item.date} · ${item.kind === "status" ? `${item.status} · ` : ""}${label(item)}`,
    entity: item.kind === "status" ? item.agreement : item.id,
    date: item.date,
    kind: item.kind,
    status: item.status || null,
  }));
}

/**
 * Draw the items into `container`; returns {timeline, items, setWindow(since, until)}.
 * options: vis (the vis-timeline global), label, dots (no words), groups {events, status} (row names),
 * height, onRange(since, until) when the user moves the window, onPick(entityId).
 */
export function buildTimeline(container, data, options) {
  const { vis } = options;
  const items = timelineItems(data, options.label, options.dots);
  const dataset = new vis.DataSet(items);
  const groups = new vis.DataSet([
    { id: "events", content: textNode(options.groups?.events || "Events") },
    { id: "status", content: textNode(options.groups?.status || "Agreements") },
  ]);
  const dates = items.map((i) => i.date).sort();
  const pad = 1000 * 60 * 60 * 24 * 20;
  const timeline = new vis.Timeline(container, dataset, groups, {
    height: options.height || "220px",
    stack: options.stack ?? true,
    zoomKey: options.zoomKey,
    selectable: true,
    showCurrentTime: false,
    ...(options.maxHeight ? { maxHeight: options.maxHeight } : {}),
    // Thousands of point items (a 10,000-article store) are thousands of DOM nodes to
    // lay out on every redraw: past a few hundred, nearby items merge into clusters.
    ...(items.length > CLUSTER_FROM
      ? { cluster: { maxItems: 4, showStipes: false, fitOnDoubleClick: true } }
      : {}),
    ...(dates.length
      ? {
          start: new Date(Date.parse(dates[0]) - pad),
          end: new Date(Date.parse(dates[dates.length - 1]) + pad),
        }
      : {}),
  });
  timeline.on("rangechanged", (props) => {
    if (props.byUser && options.onRange) options.onRange(props.start, props.end);
  });
  timeline.on("select", (props) => {
    const [id] = props.items || [];
    const item = id && dataset.get(id);
    if (item && options.onPick) options.onPick(item.entity, item);
  });
  return {
    timeline,
    items,
    dataset,
    setWindow: (since, until) => {
      if (since && until) timeline.setWindow(since, until, { animation: false });
      else if (dates.length) timeline.fit({ animation: false });
    },
  };
}
