// Reads an iCalendar file with Mozilla's ical.js (what Thunderbird uses) and prints what a
// calendar client would show, as JSON: tests/campaigns/test_ical_clients.py runs it under node.
// Usage: node icaljs_read.cjs <path to ical.es5.cjs> <path to .ics>
"use strict";
const fs = require("fs");
const ICAL = require(process.argv[2]);
// ical.js reads an X- property it has no definition for as raw text, escapes and all. Calendar
// apps that show X-WR-CALNAME read it as TEXT (Apple's definition), so this reader does too.
ICAL.design.icalendar.property["x-wr-calname"] = { defaultType: "text" };
const text = fs.readFileSync(process.argv[3], "utf8");
const root = new ICAL.Component(ICAL.parse(text));
const utc = (time) => (time ? time.toJSDate().toISOString() : null);
const events = root.getAllSubcomponents("vevent").map((component) => {
  const event = new ICAL.Event(component);
  const lastModified = component.getFirstPropertyValue("last-modified");
  return {
    uid: event.uid,
    summary: event.summary,
    location: event.location,
    description: event.description,
    start_utc: utc(event.startDate),
    end_utc: utc(event.endDate),
    start_zone: event.startDate.zone ? event.startDate.zone.tzid : null,
    start_floating: event.startDate.zone === ICAL.Timezone.localTimezone,
    sequence: event.sequence,
    last_modified_utc: utc(lastModified),
  };
});
process.stdout.write(
  JSON.stringify({
    name: root.name,
    calname: root.getFirstPropertyValue("x-wr-calname"),
    version: root.getFirstPropertyValue("version"),
    prodid: root.getFirstPropertyValue("prodid"),
    timezones: root.getAllSubcomponents("vtimezone").map((tz) => tz.getFirstPropertyValue("tzid")),
    events,
  }),
);
