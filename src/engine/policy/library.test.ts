import { describe, expect, test } from '@jest/globals';
import { isCelError } from '@bufbuild/cel';
import { compileExpression } from './compile.js';
import { formatRoot } from './library/format.js';

function evaluate(source: string): unknown {
  const compiled = compileExpression(source, new Set());
  if ('error' in compiled) return `compile error: ${compiled.error}`;
  const result = compiled.evaluate({ format: formatRoot });
  return isCelError(result) ? `error: ${result.message}` : result;
}

describe('the Kubernetes CEL libraries', () => {
  test.each([
    // lists
    ['[1, 2, 3].isSorted()', true],
    ["['b', 'a'].isSorted()", false],
    ['[1, 2, 3].sum()', 6n],
    ['[3, 1, 2].min()', 1n],
    ["['a', 'c', 'b'].max()", 'c'],
    ['[1, 2, 1].lastIndexOf(1)', 2n],
    ["['x', 'y'].indexOf('y')", 1n],
    ['sets.contains([1, 2, 3], [3, 1])', true],
    ['sets.intersects([1, 2], [5, 2])', true],
    ['sets.equivalent([1, 2], [2, 1, 1])', true],
    // strings and regex
    ["'Hello'.lowerAscii() + 'x'.upperAscii()", 'helloX'],
    ["'a,b,c'.split(',').join('-')", 'a-b-c'],
    ["'abc 123 def 456'.find('[0-9]+')", '123'],
    ["'abc 123 def 456'.findAll('[0-9]+').size()", 2n],
    ["'registry.example.com/app'.matches('^registry[.]example[.]com/')", true],
    // URLs
    ["url('https://example.com:8443/a/b?x=1&x=2').getHostname()", 'example.com'],
    ["url('https://example.com:8443/a/b?x=1&x=2').getPort()", '8443'],
    ["url('https://example.com:8443/a/b?x=1&x=2').getQuery()['x'].size()", 2n],
    ["url('/healthz').getEscapedPath()", '/healthz'],
    ["isURL('not a url')", false],
    // quantities
    ["quantity('1Gi').isGreaterThan(quantity('1000Mi'))", true],
    ["quantity('500m').add(quantity('1.5')).asInteger()", 2n],
    ["quantity('1k').compareTo(quantity('1000'))", 0n],
    ["quantity('1.5').isInteger()", false],
    ["isQuantity('12 apples')", false],
    // IP and CIDR
    ["cidr('10.0.0.0/8').containsIP('10.20.30.40')", true],
    ["cidr('10.0.0.0/8').containsIP(ip('11.0.0.1'))", false],
    ["cidr('192.168.0.0/16').containsCIDR('192.168.4.0/24')", true],
    ["ip('fe80::1').isLinkLocalUnicast()", true],
    ["ip('127.0.0.1').isLoopback()", true],
    ["ip('2001:db8::1').family()", 6n],
    ["string(cidr('10.1.2.3/8').masked())", '10.0.0.0/8'],
    ["ip.isCanonical('2001:DB8::1')", false],
    ["isIP('::ffff:1.2.3.4')", false],
    // format
    ["format.dns1123Label().validate('My_Name').hasValue()", true],
    ["format.dns1123Label().validate('my-name').hasValue()", false],
    ["format.named('labelValue').value().validate('ok.value').hasValue()", false],
    // semver
    ["semver('1.10.0').isGreaterThan(semver('1.9.3'))", true],
    ["semver('1.0.0-rc.1').isLessThan(semver('1.0.0'))", true],
    ["semver('2.3.4').major()", 2n],
    ["isSemver('v1.2')", false],
    // cel.bind
    ['cel.bind(x, [1, 2, 3], x.size() + x.sum())', 9n],
  ])('%s', (source, expected) => {
    expect(evaluate(source)).toEqual(expected);
  });

  test.each([
    ["quantity('lots')", 'error: quantities must match'],
    ["ip('1.2.3')", "error: IP Address '1.2.3' parse error"],
    ['[].min()', 'error: min called on empty list'],
    ['nope(1)', "compile error: undeclared reference to 'nope'"],
    ['undeclared.field', "compile error: undeclared reference to 'undeclared'"],
    ['variables.missing', "compile error: undeclared reference to 'variables.missing'"],
  ])('%s fails with a reason', (source, expected) => {
    expect(String(evaluate(source))).toContain(expected);
  });
});
