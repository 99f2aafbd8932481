import type { Finding } from '../model.js';
import type { Resource } from '../parse/kubernetes.js';
import type { Reading, Unit } from '../reading.js';
import type { Anchor } from '../rules/rule.js';
import { SourceFile } from '../source.js';
import { findSuppressions, type Suppression } from '../suppress.js';
import { anchored, readRendering, type RenderedRead, type Rendering } from './index.js';

/** A finding with its object's suppression and, while it is still on rendered output, its anchor. */
export interface RenderedLocated {
  finding: Finding;
  ignore?: Suppression;
  at?: Anchor;
}

/**
 * The renderings of one scan: their objects (so cross-object rules see a chart's NetworkPolicies), and
 * their findings moved from the rendered output to the source files that wrote them.
 */
export class RenderedSet {
  /** Every rendered Kubernetes object. */
  readonly resources: Resource[] = [];
  /** Templates and patches whose chart or overlay was rendered: scanned through it, no longer skipped. */
  readonly covered = new Set<string>();
  private readonly reads: Array<{ rendering: Rendering; read: RenderedRead }> = [];
  private readonly problems: Finding[] = [];
  private readonly sources = new Map<string, SourceFile>();
  /** The values sets each chart was rendered with, by folder, when it was rendered with several. */
  private readonly setsOf = new Map<string, string[]>();

  constructor(renderings: readonly Rendering[]) {
    // One problem per chart: the same chart failing under several values sets is one finding naming them.
    const problemOf = new Map<string, { finding: Finding; sets: string[] }>();
    for (const rendering of renderings) {
      if (rendering.valuesSet !== undefined)
        this.setsOf.set(rendering.folder, [...(this.setsOf.get(rendering.folder) ?? []), rendering.valuesSet]);
      for (const source of rendering.sources)
        if (!this.sources.has(source.path)) this.sources.set(source.path, new SourceFile(source.path, source.text));
      const { read, findings } = readRendering(rendering);
      for (const finding of findings) {
        // The finding's locator tells a rendering's own problem from the parts an overlay left out.
        const key = `${rendering.tool}\u0000${rendering.folder}\u0000${finding.locator}`;
        const seen = problemOf.get(key);
        if (seen) seen.sets.push(rendering.valuesSet ?? '');
        else {
          problemOf.set(key, { finding, sets: [rendering.valuesSet ?? ''] });
          this.problems.push(finding);
        }
      }
      for (const finding of findings) this.covered.add(finding.path);
      if (rendering.tool === 'helm' && (read || rendering.problem?.kind === 'error'))
        for (const template of rendering.templates ?? []) this.covered.add(template);
      // An overlay's patches are scanned through the overlay once it is built.
      if (rendering.tool === 'kustomize' && read) for (const source of rendering.sources) this.covered.add(source.path);
      if (!read) continue;
      this.reads.push({ rendering, read });
      for (const unit of read.units) this.resources.push(unit.subject);
    }
    for (const [key, { finding, sets }] of problemOf) {
      const all = this.setsOf.get(key.split('\u0000')[1]!) ?? [];
      if (all.length > 1) finding.message += setsNote(sets, all);
    }
  }

  get size(): number {
    return this.reads.length + this.problems.length;
  }

  /**
   * Runs the checks on every rendered object and returns the findings by source path. A finding the same
   * rule makes at the same place for several objects (a helper included by three templates, a base built
   * by ten overlays) is reported once, saying how many objects it stands for.
   */
  findings(check: (unit: Unit, out: RenderedLocated[]) => void): Map<string, RenderedLocated[]> {
    // Objects of one values set count as more objects; the same object under another values set does not.
    const byPlace = new Map<string, { located: RenderedLocated; more: number; set: string | undefined; sets: string[]; folder: string }>();
    for (const { rendering, read } of this.reads) {
      for (const unit of read.units) {
        const out: RenderedLocated[] = [];
        check(unit, out);
        for (const located of out) {
          const moved = this.relocate(located, unit, read);
          const f = moved.finding;
          const place = `${f.ruleId}\u0000${f.path}\u0000${f.range.start.line}\u0000${f.range.start.column}`;
          const seen = byPlace.get(place);
          const set = rendering.valuesSet;
          if (!seen) byPlace.set(place, { located: moved, more: 0, set, sets: set === undefined ? [] : [set], folder: rendering.folder });
          else if (seen.folder !== rendering.folder || seen.set === set) seen.more++;
          else if (set !== undefined && !seen.sets.includes(set)) seen.sets.push(set);
        }
      }
    }
    const byPath = new Map<string, RenderedLocated[]>();
    const add = (located: RenderedLocated) => {
      const list = byPath.get(located.finding.path);
      if (list) list.push(located);
      else byPath.set(located.finding.path, [located]);
    };
    for (const { located, more, sets, folder } of byPlace.values()) {
      if (more > 0) located.finding.message += ` (and ${more} more rendered object${more === 1 ? '' : 's'})`;
      const all = this.setsOf.get(folder) ?? [];
      if (all.length > 1 && sets.length > 0) located.finding.message += setsNote(sets, all);
      add(located);
    }
    for (const finding of this.problems) add({ finding });
    return byPath;
  }

  /** A reading for a source file that is not among the scanned files (a helper template): its text and suppressions. */
  readingFor(path: string): Reading {
    const file = this.sources.get(path) ?? new SourceFile(path, '');
    return { file, units: [], findings: [], suppressions: findSuppressions(file, ['#']) };
  }

  private relocate(located: RenderedLocated, unit: Unit, read: RenderedRead): RenderedLocated {
    const at = located.at ? anchored(located.at) : undefined;
    const finding = { ...located.finding };
    delete finding.fix; // edits to rendered text mean nothing in the sources
    if (at) {
      const location = read.locate(unit, at, finding.ruleId);
      const file = this.sources.get(location.path);
      finding.path = location.path;
      finding.range = file ? file.range(location.start, location.end) : { start: { line: 1, column: 1 }, end: { line: 1, column: 1 } };
      if (location.note) finding.message += location.note;
    }
    return located.ignore ? { finding, ignore: located.ignore } : { finding };
  }
}

/** Which of a chart's values sets a finding appeared under. */
function setsNote(sets: readonly string[], all: readonly string[]): string {
  const named = all.filter((set) => sets.includes(set));
  if (named.length === all.length) return ` (in every values set: ${named.join(', ')})`;
  return ` (values set${named.length === 1 ? '' : 's'} ${named.join(', ')})`;
}
