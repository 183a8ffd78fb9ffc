import { Body, Controller, Get, HttpCode, type INestApplication, Module, NotFoundException, Post } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { ProblemDetailsFilter } from '../../services/common/http/problem-details.filter';

@Controller()
class ProbeController {
  @Post('echo')
  @HttpCode(200)
  echo(@Body() body: unknown) {
    return body;
  }

  @Get('missing')
  missing() {
    throw new NotFoundException('No such thing');
  }

  @Get('boom')
  boom() {
    throw new Error('database password is hunter2');
  }
}

@Module({ controllers: [ProbeController], providers: [{ provide: APP_FILTER, useClass: ProblemDetailsFilter }] })
class ProbeModule {}

describe('ProblemDetailsFilter', () => {
  let app: INestApplication;

  beforeAll(async () => {
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication<NestExpressApplication>({ logger: false }).useBodyParser('json', { limit: '1kb' });
    await app.init();
  });
  afterAll(() => app?.close());

  const problemOf = (response: request.Response) => {
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    return JSON.parse(response.text);
  };

  it('says a malformed body is not valid JSON', async () => {
    const response = await request(app.getHttpServer()).post('/echo').set('Content-Type', 'application/json').send('{"a": ').expect(400);
    expect(problemOf(response)).toMatchObject({ status: 400, title: 'Bad Request', detail: 'The body is not valid JSON', instance: '/echo' });
  });

  it('answers an oversized body with 413', async () => {
    const response = await request(app.getHttpServer()).post('/echo').set('Content-Type', 'application/json').send(JSON.stringify({ a: 'x'.repeat(2_000) })).expect(413);
    expect(problemOf(response)).toMatchObject({ status: 413, title: 'Payload Too Large' });
  });

  it('keeps the message of an HttpException', async () => {
    const response = await request(app.getHttpServer()).get('/missing').expect(404);
    expect(problemOf(response)).toMatchObject({ status: 404, detail: 'No such thing' });
  });

  it('never shows the internals of an unexpected error', async () => {
    const response = await request(app.getHttpServer()).get('/boom').expect(500);
    const body = problemOf(response);
    expect(body).toMatchObject({ status: 500, detail: 'An unexpected error occurred' });
    expect(response.text).not.toContain('hunter2');
    expect(response.text).not.toMatch(/at .*\.ts/);
  });
});
