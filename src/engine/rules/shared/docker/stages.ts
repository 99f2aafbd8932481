import { stageLabel, type Dockerfile, type Stage, type UserInstruction } from '../../../parse/dockerfile.js';
import { parseImageReference, type ImageReference } from '../image-reference.js';
import type { Place } from '../../rule.js';

/** Where a finding about a stage's FROM points: the instruction, named `stage[build].FROM`. */
export function fromPlace(stage: Stage): Place {
  return { start: stage.from.start, end: stage.from.end, path: `stage[${stageLabel(stage)}].FROM` };
}

/** Where a finding about a USER points, named `stage[1].USER`. */
export function userPlace(stage: Stage, user: UserInstruction): Place {
  return { start: user.start, end: user.end, path: `stage[${stageLabel(stage)}].USER` };
}

/** `stage "build"` or `stage 1`, for messages. */
export function describeStage(stage: Stage): string {
  return stage.name === undefined ? `stage ${stage.index}` : `stage "${stage.name}"`;
}

/** `FROM alpine`, or `FROM ${BASE} (alpine)` when variables made the image. */
export function describeFrom(stage: Stage): string {
  const { written, image } = stage.from;
  if (written === undefined) return 'FROM';
  return image === undefined || image === written ? `FROM ${written}` : `FROM ${written} (${image})`;
}

/** A stage whose base is an image pulled from a registry, with that image's reference. */
export interface PulledBase {
  stage: Stage;
  reference: ImageReference;
}

/**
 * The stages whose FROM pulls an image: not `scratch` (no image at all), not an earlier stage, and not
 * an image the engine cannot know (one that depends on an ARG without default).
 */
export function pulledBases(dockerfile: Dockerfile): PulledBase[] {
  const pulled: PulledBase[] = [];
  for (const stage of dockerfile.stages) {
    const { image } = stage.from;
    if (image === undefined || stage.base || image.toLowerCase() === 'scratch') continue;
    const reference = parseImageReference(image);
    if (reference) pulled.push({ stage, reference });
  }
  return pulled;
}
