/** What snapshotSim reads of a running @ngs/switch-sim switch (structural, so @ngs/cli's types need no simulator installed). */
export interface SimPortsView {
  state: { ports: ReadonlyMap<string, { mode: string; accessVlan?: number | null; nativeVlan?: number | null; allowedVlans: readonly number[]; shutdown: boolean }> };
}

export interface PortRow {
  switch: string;
  deviceType: string;
  port: string;
  mode: string;
  access: string;
  native: string;
  tagged: string;
  shutdown: boolean;
}

/** Ranges for a readable VLAN list: 100-102,200. */
export function vlanList(vlans: readonly number[]): string {
  const sorted = [...new Set(vlans)].sort((a, b) => a - b);
  const parts: string[] = [];
  for (let i = 0; i < sorted.length; ) {
    let j = i;
    while (j + 1 < sorted.length && sorted[j + 1] === sorted[j]! + 1) j++;
    parts.push(j > i + 1 ? `${sorted[i]}-${sorted[j]}` : j === i + 1 ? `${sorted[i]},${sorted[j]}` : `${sorted[i]}`);
    i = j + 1;
  }
  return parts.join(",");
}

/** One row per port the simulator knows, sorted by port name (natural order). */
export function snapshotSim(name: string, deviceType: string, sim: SimPortsView): PortRow[] {
  const rows: PortRow[] = [];
  for (const [port, st] of sim.state.ports) {
    rows.push({
      switch: name,
      deviceType,
      port,
      mode: st.mode,
      access: st.accessVlan == null ? "-" : String(st.accessVlan),
      native: st.nativeVlan == null ? "-" : String(st.nativeVlan),
      tagged: st.allowedVlans.length ? vlanList(st.allowedVlans) : "-",
      shutdown: st.shutdown,
    });
  }
  return rows.sort((a, b) => a.port.localeCompare(b.port, undefined, { numeric: true }));
}

/** What snapshotNetconfSim reads of the simulator's NETCONF server: its running OpenConfig view. */
export interface NetconfPortsView {
  state(datastore?: "running"): {
    interfaces: Record<string, { enabled?: boolean; switchedVlan?: { interfaceMode?: string; accessVlan?: number; nativeVlan?: number; trunkVlans: readonly (number | string)[] } }>;
  };
}

/** One row per interface of a simulated OpenConfig switch's running datastore. */
export function snapshotNetconfSim(name: string, deviceType: string, sim: NetconfPortsView): PortRow[] {
  const rows: PortRow[] = [];
  for (const [port, iface] of Object.entries(sim.state("running").interfaces)) {
    const sv = iface.switchedVlan;
    const tagged = (sv?.trunkVlans ?? []).map(Number).filter((v) => Number.isInteger(v));
    rows.push({
      switch: name,
      deviceType,
      port,
      mode: sv?.interfaceMode?.toLowerCase() ?? "none",
      access: sv?.accessVlan == null ? "-" : String(sv.accessVlan),
      native: sv?.nativeVlan == null ? "-" : String(sv.nativeVlan),
      tagged: tagged.length ? vlanList(tagged) : "-",
      shutdown: iface.enabled === false,
    });
  }
  return rows.sort((a, b) => a.port.localeCompare(b.port, undefined, { numeric: true }));
}

/** A fixed-width text table with a header row. */
export function formatTable(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: readonly string[]) => cells.map((c, i) => c.padEnd(widths[i]!)).join("  ").trimEnd();
  return [line(header), line(widths.map((w) => "-".repeat(w))), ...rows.map(line)].join("\n");
}

export function formatPortTable(rows: readonly PortRow[]): string {
  return formatTable(
    ["SWITCH", "DEVICE TYPE", "PORT", "MODE", "ACCESS", "NATIVE", "TAGGED"],
    rows.map((r) => [r.switch, r.deviceType, r.port, r.mode + (r.shutdown ? " (shut)" : ""), r.access, r.native, r.tagged]),
  );
}
