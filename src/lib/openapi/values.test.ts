import {describe, expect, it} from '@jest/globals';
import {parameterValue, requiredBody, schemaValue} from './values.js';

describe('parameterValue', () => {
  it.each([
    ['the parameter example first', {example: 42, schema: {type: 'integer', example: 7}}, 42],
    ['then the first of its examples', {examples: {a: {value: 'alice'}, b: {value: 'bob'}}, schema: {type: 'string'}}, 'alice'],
    ['then the schema example', {schema: {type: 'integer', example: 7, default: 3}}, 7],
    ['then a 3.1 schema examples list', {schema: {type: 'string', examples: ['first', 'second']}}, 'first'],
    ['then the schema default', {schema: {type: 'integer', default: 3}}, 3],
    ['then the first enum value', {schema: {type: 'string', enum: ['asc', 'desc']}}, 'asc'],
    ['a uuid', {schema: {type: 'string', format: 'uuid'}}, '00000000-0000-4000-8000-000000000001'],
    ['a date', {schema: {type: 'string', format: 'date'}}, '2024-01-01'],
    ['an email', {schema: {type: 'string', format: 'email'}}, 'shipcheck@example.com'],
    ['an integer is 1, an id that usually exists', {schema: {type: 'integer'}}, 1],
    ['an integer above its minimum', {schema: {type: 'integer', minimum: 10}}, 10],
    ['an integer above a 3.1 exclusive minimum', {schema: {type: 'integer', exclusiveMinimum: 5}}, 6],
    ['an integer above a 3.0 exclusive minimum', {schema: {type: 'integer', minimum: 5, exclusiveMinimum: true}}, 6],
    ['a nullable 3.1 type is its non-null type', {schema: {type: ['null', 'integer']}}, 1],
    ['a string of a minimum length', {schema: {type: 'string', minLength: 12}}, 'xxxxxxxxxxxx'],
    ['a boolean', {schema: {type: 'boolean'}}, true],
    ['an array has one item', {schema: {type: 'array', items: {type: 'integer'}}}, [1]],
    ['a parameter described by content takes its media type example', {content: {'application/json': {example: {a: 1}}}}, {a: 1}],
    ['the first choice of a oneOf', {schema: {oneOf: [{type: 'integer'}, {type: 'string'}]}}, 1],
    ['no schema at all', {}, 'example'],
  ])('%s', (_, parameter, expected) => {
    expect(parameterValue(parameter)).toEqual(expected);
  });
});

describe('schemaValue', () => {
  it('builds an object of its required properties only, allOf parts merged', () => {
    const schema = {
      allOf: [
        {type: 'object', properties: {id: {type: 'integer'}, note: {type: 'string'}}, required: ['id']},
        {properties: {email: {type: 'string', format: 'email'}}, required: ['email']},
      ],
    };
    expect(schemaValue(schema, {nonEmptyArrays: false})).toEqual({id: 1, email: 'shipcheck@example.com'});
  });

  it('stops at a depth bound on a self-referencing schema', () => {
    const node: Record<string, unknown> = {type: 'object', required: ['child'], properties: {}};
    (node.properties as Record<string, unknown>).child = node;
    expect(JSON.stringify(schemaValue(node, {nonEmptyArrays: false})).length).toBeLessThan(200);
  });
});

describe('requiredBody', () => {
  it.each([
    ['no body when none is required', {content: {'application/json': {schema: {type: 'object'}}}}, undefined],
    [
      'the JSON media type example',
      {required: true, content: {'application/json': {example: {name: 'x'}}, 'text/plain': {}}},
      {contentType: 'application/json', text: '{"name":"x"}'},
    ],
    [
      'the smallest object its schema admits',
      {
        required: true,
        content: {'application/json': {schema: {type: 'object', required: ['name'], properties: {name: {type: 'string'}, age: {type: 'integer'}}}}},
      },
      {contentType: 'application/json', text: '{"name":"example"}'},
    ],
    [
      'a form, when that is all it takes',
      {
        required: true,
        content: {'application/x-www-form-urlencoded': {schema: {type: 'object', required: ['q'], properties: {q: {type: 'string', enum: ['a b']}}}}},
      },
      {contentType: 'application/x-www-form-urlencoded', text: 'q=a+b'},
    ],
    [
      'a multipart body is sent empty, with its type',
      {required: true, content: {'multipart/form-data': {}}},
      {contentType: 'multipart/form-data', text: ''},
    ],
  ])('%s', (_, requestBody, expected) => {
    expect(requiredBody(requestBody)).toEqual(expected);
  });
});
