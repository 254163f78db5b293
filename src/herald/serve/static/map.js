// The map: country outlines from the vendored Natural Earth file (no tile server), and the
// filtered events from the page's JSON twin. Every label is set with textContent, never as
// HTML: place and type names come from articles.
"use strict";
(function () {
  var box = document.getElementById("map");
  var status = document.getElementById("map-status");
  var map = L.map(box, { worldCopyJump: true, minZoom: 2, maxZoom: 12 }).setView([48, 10], 4);
  map.attributionControl.setPrefix(false);
  map.attributionControl.addAttribution("Natural Earth");
  // Radius in pixels by how precisely the place is known.
  var RADIUS = { place: 5, city: 5, region: 10, country: 16, unknown: 16 };

  function fetchJson(url) {
    return fetch(url, { credentials: "same-origin" }).then(function (response) {
      if (!response.ok) { throw new Error(url + ": " + response.status); }
      return response.json();
    });
  }

  function popup(props) {
    var node = document.createElement("div");
    var link = document.createElement("a");
    link.href = "/events/" + encodeURIComponent(props.id);
    link.textContent = props.sub_event_type + (props.date ? ", " + props.date : "");
    var place = document.createElement("div");
    place.textContent = [props.place, props.admin1, props.country].filter(Boolean).join(", ") +
      " (" + props.precision + "), " + props.sources + " source" + (props.sources === 1 ? "" : "s");
    node.appendChild(link);
    node.appendChild(place);
    return node;
  }

  // Natural Earth's rings cross the antimeridian (Russia, Fiji): on a flat map a jump
  // from +180 to -180 draws a line across the world, so each ring is made continuous.
  function unwrapRing(ring) {
    var offset = 0;
    return ring.map(function (point, i) {
      if (i > 0) {
        var step = point[0] - ring[i - 1][0];
        if (step > 180) { offset -= 360; } else if (step < -180) { offset += 360; }
      }
      return [point[0] + offset, point[1]];
    });
  }

  function unwrap(feature) {
    var geometry = feature.geometry;
    if (geometry && geometry.type === "Polygon") {
      geometry.coordinates = geometry.coordinates.map(unwrapRing);
    } else if (geometry && geometry.type === "MultiPolygon") {
      geometry.coordinates = geometry.coordinates.map(function (polygon) {
        return polygon.map(unwrapRing);
      });
    }
    return feature;
  }

  function drawOutlines(topology) {
    var countries = topojson.feature(topology, topology.objects.countries);
    // Antarctica's ring circles the pole, which a flat map cannot close; no events there.
    countries.features = countries.features
      .filter(function (f) { return f.properties.name !== "Antarctica"; })
      .map(unwrap);
    L.geoJSON(countries, { style: { className: "outline", weight: 0.6 }, interactive: false })
      .addTo(map);
  }

  function drawPoints(collection) {
    var layer = L.geoJSON(collection, {
      pointToLayer: function (feature, latlng) {
        var precision = feature.properties.precision || "unknown";
        return L.circleMarker(latlng, {
          radius: RADIUS[precision] || 16,
          className: "point precision-" + precision,
        });
      },
      onEachFeature: function (feature, marker) { marker.bindPopup(popup(feature.properties)); },
    }).addTo(map);
    var shown = collection.features.length;
    status.textContent = shown + " shown on the map" +
      (collection.truncated ? " (the most recent; narrow the filters to see the rest)" : "") +
      (shown ? "" : " (none has coordinates)");
    if (shown) {
      map.fitBounds(layer.getBounds().pad(0.3), { maxZoom: 7, animate: false });
    }
    // Tests and screenshots wait for this: the points are drawn and the view has settled.
    box.setAttribute("data-shown", String(shown));
  }

  fetchJson(box.getAttribute("data-outlines"))
    .then(drawOutlines)
    .then(function () { return fetchJson(box.getAttribute("data-points")); })
    .then(drawPoints)
    .catch(function (error) { status.textContent = "the map could not load: " + error.message; });
})();
