import { Controller, Get, type INestApplication, Module } from '@nestjs/common';
import { ConfigModule } from '@nestjs/config';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import request from 'supertest';
import { appConfig } from '../../services/common/config/app.config';
import { ApiKeyGuard, Public } from '../../services/common/http/api-key.guard';
import { ProblemDetailsFilter } from '../../services/common/http/problem-details.filter';

@Controller()
class ProbeController {
  @Get('guarded')
  guarded() {
    return { ok: true };
  }

  @Public()
  @Get('open')
  open() {
    return { ok: true };
  }
}

@Module({
  imports: [ConfigModule.forRoot({ ignoreEnvFile: true, load: [appConfig] })],
  controllers: [ProbeController],
  providers: [
    { provide: APP_GUARD, useClass: ApiKeyGuard },
    { provide: APP_FILTER, useClass: ProblemDetailsFilter },
  ],
})
class ProbeModule {}

describe('ApiKeyGuard', () => {
  let app: INestApplication;
  const previous = process.env.ADMIN_API_KEYS;

  beforeAll(async () => {
    process.env.ADMIN_API_KEYS = 'key-one, key-two';
    const moduleRef = await Test.createTestingModule({ imports: [ProbeModule] }).compile();
    app = moduleRef.createNestApplication({ logger: false });
    await app.init();
  });
  afterAll(async () => {
    process.env.ADMIN_API_KEYS = previous;
    await app?.close();
  });

  it('answers 401 problem+json without a key', async () => {
    const response = await request(app.getHttpServer()).get('/guarded').expect(401);
    expect(response.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(JSON.parse(response.text)).toMatchObject({ status: 401, detail: expect.stringContaining('Bearer') });
  });

  it('answers 401 for a wrong key, including a prefix of a real one', async () => {
    for (const key of ['nope', 'key-on', 'key-one-and-more']) {
      const response = await request(app.getHttpServer()).get('/guarded').set('Authorization', `Bearer ${key}`).expect(401);
      expect(JSON.parse(response.text).detail).toBe('The API key is not valid');
    }
  });

  it('accepts every configured key (rotation)', async () => {
    await request(app.getHttpServer()).get('/guarded').set('Authorization', 'Bearer key-one').expect(200);
    await request(app.getHttpServer()).get('/guarded').set('Authorization', 'bearer key-two').expect(200);
  });

  it('leaves @Public() routes open', async () => {
    await request(app.getHttpServer()).get('/open').expect(200, { ok: true });
  });
});
