/// <reference types="google-apps-script" />
import { FakeDataValidation } from './range.ts';

type Ui = GoogleAppsScript.Base.Ui;
type Menu = GoogleAppsScript.Base.Menu;
type Builder = GoogleAppsScript.Spreadsheet.DataValidationBuilder;

export interface MenuItem {
  caption: string;
  functionName?: string;
  items?: MenuItem[];
}

class FakeMenu implements Pick<Menu, 'addItem' | 'addSeparator' | 'addSubMenu' | 'addToUi'> {
  readonly items: MenuItem[] = [];

  constructor(
    readonly caption: string,
    private readonly ui: FakeUi,
  ) {}

  private self(): Menu {
    return this as unknown as Menu;
  }

  addItem(caption: string, functionName: string): Menu {
    this.items.push({ caption, functionName });
    return this.self();
  }

  addSeparator(): Menu {
    this.items.push({ caption: '---' });
    return this.self();
  }

  addSubMenu(menu: Menu): Menu {
    const sub = menu as unknown as FakeMenu;
    this.items.push({ caption: sub.caption, items: sub.items });
    return this.self();
  }

  addToUi(): void {
    this.ui.menus.push({ caption: this.caption, items: this.items });
  }
}

/** The person's UI: menus added, sidebars shown, dialogs answered as the test decides. */
export class FakeUi
  implements
    Pick<
      Ui,
      | 'createAddonMenu'
      | 'createMenu'
      | 'showSidebar'
      | 'showModalDialog'
      | 'alert'
      | 'prompt'
      | 'ButtonSet'
      | 'Button'
    >
{
  readonly ButtonSet = {
    OK: 'OK',
    OK_CANCEL: 'OK_CANCEL',
    YES_NO: 'YES_NO',
    YES_NO_CANCEL: 'YES_NO_CANCEL',
  } as unknown as Ui['ButtonSet'];
  readonly Button = {
    OK: 'OK',
    CANCEL: 'CANCEL',
    YES: 'YES',
    NO: 'NO',
    CLOSE: 'CLOSE',
  } as unknown as Ui['Button'];
  readonly menus: MenuItem[] = [];
  readonly sidebars: { title: string; content: string }[] = [];
  /** Modal dialogs shown, with the size the add-on asked for. */
  readonly dialogs: { title: string; content: string; width?: number; height?: number }[] = [];
  readonly alerts: string[] = [];
  /** How the next dialogs are answered. */
  answer: 'OK' | 'CANCEL' = 'OK';
  /** What the person types into the next prompts, in turn. */
  readonly prompts: string[] = [];

  createAddonMenu(): Menu {
    return new FakeMenu('Partnership Records (add-on)', this) as unknown as Menu;
  }

  createMenu(caption: string): Menu {
    return new FakeMenu(caption, this) as unknown as Menu;
  }

  showSidebar(userInterface: GoogleAppsScript.HTML.HtmlOutput): void {
    const html = userInterface as unknown as { title: string; content: string };
    this.sidebars.push({ title: html.title, content: html.content });
  }

  showModalDialog(userInterface: GoogleAppsScript.HTML.HtmlOutput, title: string): void {
    const html = userInterface as unknown as { content: string; width?: number; height?: number };
    this.dialogs.push({ title, content: html.content, width: html.width, height: html.height });
  }

  prompt(...args: unknown[]): GoogleAppsScript.Base.PromptResponse {
    this.alerts.push(String(args.length >= 2 ? args[1] : args[0]));
    const typed = this.prompts.shift() ?? '';
    return {
      getSelectedButton: () => this.answer as unknown as GoogleAppsScript.Base.Button,
      getResponseText: () => typed,
    } as GoogleAppsScript.Base.PromptResponse;
  }

  alert(...args: unknown[]): GoogleAppsScript.Base.Button {
    // alert(prompt) or alert(title, prompt, buttons)
    this.alerts.push(String(args.length >= 2 ? args[1] : args[0]));
    return this.answer as unknown as GoogleAppsScript.Base.Button;
  }
}

class FakeValidationBuilder
  implements
    Pick<
      Builder,
      | 'setAllowInvalid'
      | 'setHelpText'
      | 'requireCheckbox'
      | 'requireValueInList'
      | 'requireDate'
      | 'requireValueInRange'
      | 'requireTextIsEmail'
      | 'build'
    >
{
  private criteria = 'ANY';
  private values: unknown[] = [];
  private allowInvalid = true;
  private helpText = '';

  private self(): Builder {
    return this as unknown as Builder;
  }

  setAllowInvalid(allowInvalidData: boolean): Builder {
    this.allowInvalid = allowInvalidData;
    return this.self();
  }

  setHelpText(helpText: string): Builder {
    this.helpText = helpText;
    return this.self();
  }

  requireCheckbox(): Builder {
    this.criteria = 'CHECKBOX';
    return this.self();
  }

  requireValueInList(values: string[], _showDropdown?: boolean): Builder {
    this.criteria = 'VALUE_IN_LIST';
    this.values = [...values];
    return this.self();
  }

  requireDate(): Builder {
    this.criteria = 'DATE_IS_VALID_DATE';
    return this.self();
  }

  requireValueInRange(range: GoogleAppsScript.Spreadsheet.Range, _showDropdown?: boolean): Builder {
    this.criteria = 'VALUE_IN_RANGE';
    this.values = [range];
    return this.self();
  }

  requireTextIsEmail(): Builder {
    this.criteria = 'TEXT_IS_VALID_EMAIL';
    return this.self();
  }

  build(): GoogleAppsScript.Spreadsheet.DataValidation {
    return new FakeDataValidation(
      this.criteria,
      this.values,
      this.allowInvalid,
      this.helpText,
    ) as unknown as GoogleAppsScript.Spreadsheet.DataValidation;
  }
}

export function newDataValidation(): Builder {
  return new FakeValidationBuilder() as unknown as Builder;
}
