import type { Rule } from '../../analysis/types';
import coolDown from '../cool-down';
import dependencyConfusion from '../dependency-confusion';
import manifestConfusion from '../manifest-confusion';
import publisherChange from '../publisher-change';
import releaseAnomaly from '../release-anomaly';
import starjacking from '../starjacking';
import typosquat from '../typosquat';
import versionBurst from '../version-burst';

/** What the registry says: names, publish times, publishers, the registry's manifest. They run only when registry facts are known. Sorted by id. */
export const METADATA_RULES: readonly Rule[] = [coolDown, dependencyConfusion, manifestConfusion, publisherChange, releaseAnomaly, starjacking, typosquat, versionBurst];
