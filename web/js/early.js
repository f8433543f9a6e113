// The first script of the network page (network.html lists it before the vendored
// libraries): a view of thousands of nodes asks for its data at once, so the server
// answers while the browser parses vis-network and sigma.js, which takes most of a
// second in software WebGL. app.js then takes the answer from api.js.

import { overviewPath, prefetch } from "./api.js";

/** Past this many nodes vis-network takes seconds to lay out: sigma.js (WebGL) draws. */
export const LARGE_THRESHOLD = 1000;

/** The view size a link asks for (``?size=5000``), as a string of digits, or null. */
export function requestedSize() {
  const size = new URLSearchParams(location.search).get("size");
  return size && /^\d+$/.test(size) ? size : null;
}

const size = Number(requestedSize());
const focus = new URLSearchParams(location.hash.slice(1)).get("node");
if (!focus && size > LARGE_THRESHOLD) prefetch(overviewPath(size));
