/** Name pools by country, so demo customers look like the people a learning platform sells to. */
export interface Locale {
  countries: readonly string[];
  weight: number;
  first: readonly string[];
  last: readonly string[];
}

/** Pools are kept as comma-separated text: a few lines to read instead of hundreds. */
function list(text: string): readonly string[] {
  return text.split(', ');
}

export const LOCALES: readonly Locale[] = [
  {
    countries: list('US, US, US, CA, GB, AU, IE, NZ'),
    weight: 40,
    first: list(
      'James, Olivia, Liam, Emma, Noah, Ava, Ethan, Sophia, Mason, Isabella, Lucas, Mia, Henry, Charlotte, Jack, Amelia, Owen, Harper, Leo, Evelyn, Grace, Samuel, Chloe, Daniel, Zoe, Caleb, Nora, Aiden, Lily, Ryan',
    ),
    last: list(
      'Smith, Johnson, Williams, Brown, Jones, Miller, Davis, Wilson, Taylor, Clark, Lewis, Walker, Hall, Allen, Young, King, Wright, Scott, Green, Baker, Adams, Nelson, Carter, Mitchell, Roberts, Turner, Phillips, Campbell, Parker, Evans',
    ),
  },
  {
    countries: list('DE, DE, AT, CH'),
    weight: 12,
    first: list(
      'Lukas, Anna, Felix, Lea, Jonas, Hannah, Leon, Lena, Paul, Marie, Maximilian, Sophie, Tim, Laura, Jan, Katharina, Moritz, Julia, Niklas, Clara',
    ),
    last: list(
      'Müller, Schmidt, Schneider, Fischer, Weber, Meyer, Wagner, Becker, Schulz, Hoffmann, Koch, Richter, Klein, Wolf, Schröder, Neumann, Braun, Zimmermann, Krüger, Hartmann',
    ),
  },
  {
    countries: list('FR, FR, BE, CH'),
    weight: 10,
    first: list(
      'Louis, Chloé, Gabriel, Léa, Arthur, Manon, Hugo, Camille, Jules, Inès, Raphaël, Jade, Théo, Louise, Nathan, Zoé, Mathis, Alice, Enzo, Éloïse',
    ),
    last: list(
      'Martin, Bernard, Dubois, Thomas, Robert, Richard, Petit, Durand, Leroy, Moreau, Simon, Laurent, Lefebvre, Michel, Garcia, David, Bertrand, Roux, Vincent, Fournier',
    ),
  },
  {
    countries: list('ES, MX, AR, CO, CL'),
    weight: 10,
    first: list(
      'Alejandro, Lucía, Mateo, Sofía, Santiago, Valentina, Diego, Martina, Javier, Camila, Pablo, Elena, Andrés, Isabel, Carlos, Paula, Miguel, Daniela, José, Carmen',
    ),
    last: list(
      'García, Rodríguez, González, Fernández, López, Martínez, Sánchez, Pérez, Gómez, Díaz, Hernández, Torres, Ruiz, Ramírez, Flores, Morales, Ortiz, Castillo, Romero, Vargas',
    ),
  },
  {
    countries: list('BR, BR, PT'),
    weight: 7,
    first: list(
      'João, Maria, Pedro, Ana, Gustavo, Beatriz, Rafael, Larissa, Thiago, Fernanda, Bruno, Juliana, Felipe, Mariana, Rodrigo, Gabriela',
    ),
    last: list(
      'Silva, Santos, Oliveira, Souza, Costa, Pereira, Almeida, Ferreira, Ribeiro, Carvalho, Gomes, Martins, Araújo, Barbosa, Rocha, Lima',
    ),
  },
  {
    countries: list('IT'),
    weight: 5,
    first: list(
      'Leonardo, Giulia, Francesco, Aurora, Alessandro, Alice, Lorenzo, Ginevra, Matteo, Beatrice, Andrea, Chiara, Riccardo, Francesca',
    ),
    last: list(
      'Rossi, Russo, Ferrari, Esposito, Bianchi, Romano, Colombo, Ricci, Marino, Greco, Bruno, Gallo, Conti, De Luca',
    ),
  },
  {
    countries: list('NL, SE, NO, DK, FI'),
    weight: 6,
    first: list(
      'Daan, Emma, Sem, Julia, Erik, Astrid, Lars, Ingrid, Mikkel, Freja, Oskar, Saga, Bram, Sanne, Eino, Aino',
    ),
    last: list(
      'de Jong, Jansen, de Vries, Bakker, Andersson, Johansson, Karlsson, Nilsson, Hansen, Larsen, Nielsen, Jensen, Korhonen, Virtanen, Visser, Smit',
    ),
  },
  {
    countries: list('IN'),
    weight: 6,
    first: list(
      'Aarav, Diya, Vihaan, Ananya, Arjun, Isha, Rohan, Priya, Kabir, Saanvi, Aditya, Meera, Karan, Nisha',
    ),
    last: list('Sharma, Patel, Singh, Kumar, Gupta, Reddy, Iyer, Nair, Mehta, Joshi, Rao, Chopra, Bose, Das'),
  },
  {
    countries: list('JP'),
    weight: 3,
    first: list('Haruto, Yui, Sota, Hina, Yuto, Sakura, Riku, Aoi, Kaito, Mei'),
    last: list('Sato, Suzuki, Takahashi, Tanaka, Watanabe, Ito, Yamamoto, Nakamura, Kobayashi, Kato'),
  },
  {
    countries: list('NG, KE, ZA, GH'),
    weight: 4,
    first: list('Chinedu, Amara, Kwame, Ama, Tunde, Zanele, Kofi, Wanjiru, Sipho, Ngozi, Jabari, Adaeze'),
    last: list(
      'Okafor, Mensah, Adeyemi, Kamau, Nkosi, Boateng, Otieno, Eze, Dlamini, Owusu, Mwangi, Balogun',
    ),
  },
];

export const COMPANIES = list(
  'Northwind Learning, Brightpath Academy, Cobalt Labs, Fernhill School, Orbit Analytics, Summit Health, Keystone Partners, Bluefin Systems, Harbor & Co, Juniper Design, Lattice Robotics, Meridian Bank, Nimbus Cloud, Oakridge College, Pioneer Logistics, Quartz Media, Redwood Legal, Silverline Energy, Tidewater Foods, Umbra Games, Vantage Retail, Willow Clinics, Xenon Biotech, Yellowstone Tours',
);

export const EMAIL_DOMAINS = list(
  'gmail.com, outlook.com, yahoo.com, icloud.com, proton.me, hotmail.com, gmx.de, orange.fr, web.de, mail.com, fastmail.com, zoho.com',
);
