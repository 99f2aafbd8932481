import picomatch from 'picomatch';

/** The config's `paths`: which repository paths a scan or a review takes, by glob. */
export interface PathFilter {
  /** Named by `include`, or every path when `include` is empty. */
  isIncluded(path: string): boolean;
  /** Named by `exclude`; walkers also use it to skip whole folders. */
  isExcluded(path: string): boolean;
  accepts(path: string): boolean;
}

export function pathFilter(paths: { include: readonly string[]; exclude: readonly string[] }): PathFilter {
  const isIncluded = paths.include.length > 0 ? picomatch([...paths.include], { dot: true }) : () => true;
  const isExcluded = paths.exclude.length > 0 ? picomatch([...paths.exclude], { dot: true }) : () => false;
  return { isIncluded, isExcluded, accepts: (path) => isIncluded(path) && !isExcluded(path) };
}
