import { Controller, Delete, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiProblems } from '../admin/problems';
import { PersonalDataErasureResource } from './dto/personal-data-erasure.resource';
import { PersonalDataService } from './personal-data.service';

/** `/v1/customers/{id}/personal-data`: erasure of one customer's personal data (a data subject's request). */
@ApiTags('customers')
@ApiBearerAuth()
@Controller('v1/customers')
export class PersonalDataController {
  constructor(private readonly personalData: PersonalDataService) {}

  @Delete(':id/personal-data')
  @ApiOperation({
    summary: "Erases the customer's personal data from stored events, emails, run steps and the sandbox ledger, in one transaction",
    description: 'Runs, amounts and analytics stay. Recorded in the audit log with the admin key\'s name. Repeating it erases nothing more (all counts 0). '
      + '409 while one of the customer\'s runs is going: cancel it first.',
  })
  @ApiOkResponse({ type: PersonalDataErasureResource })
  @ApiProblems(404, 409)
  erasePersonalData(@Param('id') id: string) {
    return this.personalData.erase(id);
  }
}
