import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { defaultDatasetsDir } from './datasets-dir';
import { parseKuaiRandItems, parseKuaiRandUsers, readKuaiRandItems, readKuaiRandUsers } from './kuairand';

describe('KuaiRand-Pure side tables', () => {
  it('maps author, tag list, duration and upload day onto item attributes', () => {
    const csv =
      'video_id,author_id,video_type,upload_dt,upload_type,visible_status,video_duration,server_width,server_height,music_id,music_type,tag\n' +
      '0,7349781,NORMAL,2022-04-10,LongImport,0.0,87433.0,720.0,1280.0,9155697141,9.0,39\n' +
      '5,8367059,NORMAL,2022-04-09,Kmovie,0.0,,720.0,1280.0,1,9.0,"20,43"\n' +
      '6,1,AD,,Kmovie,0.0,1000.0,720.0,1280.0,1,9.0,\n';
    const table = parseKuaiRandItems(csv);
    expect(table.itemIds).toEqual(['0', '5', '6']);
    expect(table.items[0]).toEqual({ creatorId: '7349781', categories: ['39'], durationMs: 87433, createdAtMs: Date.UTC(2022, 3, 10) });
    expect(table.items[1]).toEqual({ creatorId: '8367059', categories: ['20', '43'], createdAtMs: Date.UTC(2022, 3, 9) });
    expect(table.items[2]).toEqual({ creatorId: '1', categories: [], durationMs: 1000 });
  });

  it('keeps every user column but the id as a categorical tag', () => {
    const table = parseKuaiRandUsers('user_id,user_active_degree,fans_user_num_range\n0,full_active,"[100,1k)"\n');
    expect(table.userIds).toEqual(['0']);
    expect(table.users[0]).toEqual({ tags: { user_active_degree: 'full_active', fans_user_num_range: '[100,1k)' } });
  });
});

const real = join(defaultDatasetsDir(), 'kuairand-pure-side-features');
if (existsSync(join(real, 'video_features_basic_pure.csv'))) {
  describe('KuaiRand-Pure side files', () => {
    it('match the published counts: 7,583 videos (7,344 with a duration), 27,285 users', async () => {
      const [items, users] = await Promise.all([readKuaiRandItems(real), readKuaiRandUsers(real)]);
      expect(items.itemIds.length).toBe(7583);
      expect(items.items.filter((i) => i.durationMs !== undefined).length).toBe(7344);
      expect(users.userIds.length).toBe(27_285);
    });
  });
}
