/*
 * Drawing code for the maps built by the maps/builders/ package. Each map comes as a <div> and a
 * JSON data block, <script type="application/json" class="cm-map-data"> (maps/builders/
 * container.py), which the browser never runs: on DOMContentLoaded this file creates each map
 * from its block and calls one of these functions with the data (maps/builders/payloads.py). So
 * nothing inline runs (the Content-Security-Policy allows only the site's own script files), and
 * no user-supplied text is ever part of JavaScript source or of an HTML string: names, cities and
 * labels reach the page through textContent, and links only when they are http(s) or
 * site-relative.
 * Needs Leaflet (and leaflet.markercluster for partners) and, for shapes, static/maps/countries.js
 * or its coarse twin static/maps/countries-lite.js (both define window.coalitionCountryShapes).
 */
(function () {
  "use strict";

  var SAFE_URL = /^(https?:\/\/[^\s]+|\/(?![\/\\])[^\s]*)$/i;

  function safeUrl(url) {
    return typeof url === "string" && SAFE_URL.test(url) ? url : "";
  }

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null && text !== "") node.textContent = String(text);
    return node;
  }

  function follow(url, target) {
    url = safeUrl(url);
    if (!url) return;
    if (target === "_blank") {
      window.open(url, "_blank", "noopener");
    } else if (target === "_top" && window.top) {
      window.top.location.href = url;
    } else {
      window.location.href = url;
    }
  }

  // Countries: [status, name, status label, signed on, party on, url], keyed by ISO code.
  function countryTooltip(country, text) {
    var box = el("div", "cm-tip");
    box.appendChild(el("strong", "", country[1]));
    box.appendChild(el("div", "cm-tip-status", country[2]));
    if (country[3]) box.appendChild(el("div", "", text.signed + ": " + country[3]));
    if (country[4]) box.appendChild(el("div", "", text.party_since + ": " + country[4]));
    if (text.country_hint && safeUrl(country[5])) {
      box.appendChild(el("div", "cm-tip-hint", text.country_hint));
    }
    return box;
  }

  // Every shape coloured by status; with onlyListed, only the countries in the data (the one
  // country highlighted on a country page's small map, over a plain land backdrop).
  function statusLayer(map, data, onlyListed, ownShapes) {
    var shapes = ownShapes || window.coalitionCountryShapes;
    var colours = data.colours;
    var countries = data.countries;
    var group = L.featureGroup();
    var base = {
      weight: 0.6, color: "#ffffff", opacity: 1, fillOpacity: data.fill_opacity || 1, dashArray: null,
    };

    function style(feature) {
      var country = countries[feature.properties.iso2];
      var status = country ? country[0] : "not_applicable";
      return L.extend({}, base, {
        fillColor: colours[status],
        // A highlighted country gets a dark outline: "no action" is as pale as the land around.
        color: onlyListed ? "#1a1a1a" : status === "not_applicable" ? "#8a8a8a" : "#ffffff",
        weight: onlyListed ? 1.5 : base.weight,
        dashArray: status === "not_applicable" ? "2 2" : null,
      });
    }

    function bind(layer, country) {
      layer.bindTooltip(function () { return countryTooltip(country, data.text); },
        { sticky: true, direction: "top", className: "cm-tooltip" });
      if (safeUrl(country[5])) {
        layer.on("click", function () { follow(country[5], data.target); });
      }
    }

    if (shapes && onlyListed) {
      shapes = {
        type: "FeatureCollection",
        features: shapes.features.filter(function (f) { return countries[f.properties.iso2]; }),
      };
    }
    if (shapes) {
      var countryShapes = L.geoJSON(shapes, {
        style: style,
        // A shape with no entry in the data (a disputed area such as Siachen, or a territory the
        // caller left out) is drawn as "not applicable", with no tooltip and no link.
        onEachFeature: function (feature, layer) {
          var country = countries[feature.properties.iso2];
          if (!country) return;
          bind(layer, country);
          layer.on("mouseover", function () {
            layer.setStyle({ weight: 2, color: "#1a1a1a", dashArray: null });
            layer.bringToFront();
          });
          layer.on("mouseout", function () { countryShapes.resetStyle(layer); });
        },
      });
      group.addLayer(countryShapes);
    }

    // Dots for states too small to see, drawn above the shapes and on top of each other's
    // neighbours; radius in screen pixels so they stay visible at world zoom.
    data.dots.forEach(function (dot) {
      var country = countries[dot[0]];
      if (!country) return;
      var marker = L.circleMarker([dot[1], dot[2]], {
        radius: 5, weight: 1, color: "#1a1a1a", fillColor: colours[country[0]], fillOpacity: 1,
      });
      bind(marker, country);
      marker.on("mouseover", function () { marker.setStyle({ weight: 2.5 }); });
      marker.on("mouseout", function () { marker.setStyle({ weight: 1 }); });
      group.addLayer(marker);
    });
    return group;
  }

  function legend(map, data) {
    // On a narrow map the attribution wraps over the bottom edge: the legend goes under the zoom.
    var narrow = map.getSize().x < 560;
    // A page that has room below the map (its frame says data-legend-outside) puts a narrow
    // map's legend there, open, so that it never covers the countries; it still folds away.
    var frame = map.getContainer().closest("[data-legend-outside]");
    if (narrow && frame) {
      var outside = legendBox(map, data, "cm-legend cm-legend-outside", true);
      frame.insertAdjacentElement("afterend", outside);
      return outside;
    }
    var control = L.control({ position: narrow ? "topleft" : "bottomleft" });
    control.onAdd = function () {
      // A <details> so that on a small map the legend folds to its title instead of covering
      // the countries; it starts open when there is room.
      var box = legendBox(map, data, "cm-legend leaflet-bar",
        map.getSize().x >= 560 && map.getSize().y >= 360);
      L.DomEvent.disableClickPropagation(box);
      L.DomEvent.disableScrollPropagation(box);
      return box;
    };
    control.addTo(map);
    return control;
  }

  // The legend's box: a <details> that folds to its title (the treaty), every status in words.
  function legendBox(map, data, className, open) {
    var box = el("div", className);
    var details = el("details", "cm-legend-details");
    details.open = open;
    details.appendChild(el("summary", "cm-legend-title", data.text.legend_title));
    box.appendChild(details);
    if (data.text.status_as_at) details.appendChild(el("div", "cm-legend-date", data.text.status_as_at));
    var list = el("ul", "cm-legend-items");
    data.legend.forEach(function (item) {
      var row = el("li");
      var swatch = el("span", "cm-swatch cm-swatch-" + item[0]);
      swatch.style.backgroundColor = data.colours[item[0]];
      swatch.setAttribute("aria-hidden", "true");
      row.appendChild(swatch);
      row.appendChild(el("span", "", item[1]));
      list.appendChild(row);
    });
    details.appendChild(list);
    if (data.not_drawn.length) {
      details.appendChild(el("div", "cm-legend-subtitle", data.text.not_on_map));
      var missing = el("ul", "cm-legend-missing");
      data.not_drawn.forEach(function (item) {
        missing.appendChild(el("li", "", item[0] + ": " + item[1]));
      });
      details.appendChild(missing);
    }
    if (data.text.disclaimer) details.appendChild(el("p", "cm-disclaimer", data.text.disclaimer));
    return box;
  }

  // Partners: [lat, lon, name, city, country, focus areas, url].
  function partnerPopup(row, data) {
    var box = el("div", "cm-popup");
    box.appendChild(el("strong", "cm-popup-name", row[2]));
    var place = [row[3], row[4]].filter(function (part) { return part; }).join(", ");
    if (place) box.appendChild(el("div", "cm-popup-place", place));
    if (row[5]) box.appendChild(el("div", "cm-popup-focus", row[5]));
    var url = safeUrl(row[6]);
    if (url) {
      var link = el("a", "cm-popup-link", data.text.open_profile);
      link.href = url;
      if (data.target && data.target !== "_self") {
        link.target = data.target;
        link.rel = "noopener";
      }
      box.appendChild(link);
    }
    return box;
  }

  function partnerLayer(map, data) {
    var icon = L.icon(data.icon);
    var clustered = data.cluster && typeof L.markerClusterGroup === "function";
    var group = clustered
      ? L.markerClusterGroup({ chunkedLoading: true, showCoverageOnHover: false })
      : L.featureGroup();
    var markers = new Array(data.rows.length);
    var labelled = {};
    data.rows.forEach(function (row, index) {
      var marker = L.marker([row[0], row[1]], { icon: icon, title: row[2], alt: row[2] });
      // Built on first open: 10,000 popups are never all needed.
      marker.bindPopup(function () { return partnerPopup(row, data); });
      // A small map names the city of each point, once per city (text, never HTML).
      if (data.labels && !clustered && row[3] && !labelled[row[3]]) {
        labelled[row[3]] = true;
        marker.bindTooltip(el("span", "", row[3]), {
          permanent: true, direction: "right", interactive: false, className: "cm-city-label",
        });
      }
      markers[index] = marker;
    });
    if (clustered) group.addLayers(markers);
    else markers.forEach(function (marker) { group.addLayer(marker); });
    return group;
  }

  // Day-of-action activities: the partner rows' shape, round markers in their own colour; the
  // popup says when and who ("focus" column) and links to the activity on its campaign page.
  function activityLayer(map, data) {
    var group = L.featureGroup();
    data.rows.forEach(function (row) {
      var marker = L.circleMarker([row[0], row[1]], {
        radius: 7, weight: 2, color: "#1a1a1a", fillColor: data.colour, fillOpacity: 0.9,
        className: "cm-activity",
      });
      marker.bindTooltip(function () { return el("span", "", row[2]); });
      marker.bindPopup(function () { return partnerPopup(row, data); });
      group.addLayer(marker);
    });
    return group;
  }

  function setUp(map, data) {
    map.getContainer().classList.add("cm-map");
    // The map is created without Leaflet's zoom control so that its titles can be translated.
    L.control.zoom({
      zoomInTitle: data.text.zoom_in || "Zoom in", zoomOutTitle: data.text.zoom_out || "Zoom out",
    }).addTo(map);
    if (data.tiles && safeUrl(data.tiles.url)) {
      L.tileLayer(data.tiles.url, {
        minZoom: data.tiles.min_zoom, maxZoom: data.tiles.max_zoom,
      }).addTo(map);
      if (data.tiles.attribution) map.attributionControl.addAttribution(data.tiles.attribution);
    }
    // Attribution strings are HTML in Leaflet: the builder sends them HTML-escaped.
    data.attribution.forEach(function (html) { map.attributionControl.addAttribution(html); });
  }

  // Plain land under the markers when no status is shown, so points are not floating in the sea.
  function backdrop(map, data) {
    if (!window.coalitionCountryShapes) return null;
    return L.geoJSON(window.coalitionCountryShapes, {
      style: { weight: 0.6, color: "#ffffff", fillColor: data.land, fillOpacity: 1 },
      interactive: false,
    }).addTo(map);
  }

  // A small map's neighbourhood: the detailed outlines around its frame, the country itself
  // (focus) brighter and outlined, its neighbours in land colour with their borders.
  function neighbourhood(map, data) {
    return L.geoJSON(data.local.shapes, {
      interactive: false,
      style: function (feature) {
        return feature.properties.focus
          ? { weight: 1.2, color: "#1a1a1a", opacity: 1, fillColor: "#fffdf6", fillOpacity: 1 }
          : { weight: 0.5, color: "#8a8a8a", opacity: 1, fillColor: data.land, fillOpacity: 1 };
      },
    });
  }

  function fit(map, data, layers) {
    var bounds = null;
    layers.forEach(function (layer) {
      if (layer && layer.getBounds) {
        var b = layer.getBounds();
        if (b.isValid()) bounds = bounds ? bounds.extend(b) : b;
      }
    });
    if (data.view) {
      map.fitBounds(data.view);
    } else if (bounds) {
      map.fitBounds(bounds.pad(0.2), { maxZoom: data.fit_max_zoom });
    }
  }

  window.CoalitionMaps = {
    safeUrl: safeUrl,

    ratification: function (map, data) {
      setUp(map, data);
      var overlays = [];
      var statusGroup = null;
      var partners = null;
      var activities = null;
      if (data.status) {
        statusGroup = statusLayer(map, data.status).addTo(map);
        overlays.push([data.text.layer_status, statusGroup]);
        if (data.show_legend) legend(map, data.status);
      } else {
        backdrop(map, data);
      }
      if (data.partners) {
        partners = partnerLayer(map, data.partners).addTo(map);
        overlays.push([data.text.layer_partners, partners]);
      }
      if (data.activities) {
        activities = activityLayer(map, data.activities).addTo(map);
        overlays.push([data.text.layer_activities, activities]);
      }
      if (overlays.length > 1) {
        var control = L.control.layers(null, null, { collapsed: false, position: "topright" });
        // Leaflet inserts overlay names as HTML: the builder sends them HTML-escaped.
        overlays.forEach(function (pair) { control.addOverlay(pair[1], pair[0]); });
        control.addTo(map);
      }
      fit(map, data, []);
      return { status: statusGroup, partners: partners, activities: activities };
    },

    points: function (map, data) {
      setUp(map, data);
      var local = data.local ? neighbourhood(map, data).addTo(map) : null;
      if (!local) backdrop(map, data);
      var highlight = data.status
        ? statusLayer(map, data.status, true, data.local && data.local.shapes).addTo(map)
        : null;
      var partners = partnerLayer(map, data.partners).addTo(map);
      if (local) {
        // The country and its neighbours. The outlines stop some way around the frame
        // (shapes.clip_window), so the map zooms in, not out.
        map.fitBounds(data.local.frame);
        map.setMinZoom(map.getZoom());
      } else {
        fit(map, data, [partners, highlight]);
      }
      return { partners: partners, status: highlight, neighbourhood: local };
    },
  };

  // Every map on the page, once each (a page with two small maps links this file twice).
  function start() {
    document.querySelectorAll("script.cm-map-data").forEach(function (block) {
      if (block.getAttribute("data-started")) return;
      block.setAttribute("data-started", "true");
      var spec = JSON.parse(block.textContent);
      var draw = window.CoalitionMaps[spec.draw];
      if (typeof draw !== "function" || !document.getElementById(spec.map)) return;
      var map = L.map(spec.map, spec.options);
      window[spec.map] = map;  // as folium names it, for the browser tests and the console
      draw(map, spec.data);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
