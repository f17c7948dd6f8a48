;;; init.el -*- lexical-binding: t -*-
(setq user-full-name "Yusuf Demir")
(load (expand-file-name "config/mail" user-emacs-directory))
(setq user-mail-address "yusuf@demir.com.tr")
(load (expand-file-name "config/keys" user-emacs-directory))
