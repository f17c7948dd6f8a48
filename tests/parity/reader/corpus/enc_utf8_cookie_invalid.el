;; -*- coding: utf-8 -*-
(setq a "café")
(setq b "éÃ©")
(setq c 'xéy)
?é
