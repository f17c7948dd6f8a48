;;; init.el --- a long one, grown over ten years  -*- lexical-binding: t -*-
;;
;;; Commentary:
;; Sections: core, packages A-Z, mail, org, local.
;;
;;; Code:

(setq user-full-name "Véronique Lambert")

(require 'package)
(setq package-archives '(("gnu" . "https://elpa.gnu.org/packages/")
                         ("melpa" . "https://melpa.org/packages/")))
(package-initialize)
(require 'use-package)
(setq use-package-always-ensure t
      use-package-verbose nil)

;;;; ace-window
(use-package ace-window
  :defer t
  :config
  (setq ace-window-idle-delay 0.6))

;;;; aggressive-indent
(use-package aggressive-indent
  :bind ("C-c e" . aggressive-indent-dwim)
  :init
  (setq aggressive-indent-verbose nil))

;;;; all-the-icons
(use-package all-the-icons
  :hook (prog-mode . all-the-icons-mode)
  :custom
  (all-the-icons-lighter "")
  (all-the-icons-auto-start t))

;;;; anzu
(use-package anzu
  :demand t
  :config
  (anzu-global-mode 1)
  (add-hook 'text-mode-hook #'anzu-mode))

;;;; avy
(use-package avy
  :mode "\\.avy\\'"
  :commands (avy avy-run))

;;;; beacon
(use-package beacon
  :defer t
  :config
  (setq beacon-idle-delay 0.7))

;;;; browse-kill-ring
(use-package browse-kill-ring
  :bind ("C-c w" . browse-kill-ring-dwim)
  :init
  (setq browse-kill-ring-verbose nil))

;;;; cider
(use-package cider
  :hook (prog-mode . cider-mode)
  :custom
  (cider-lighter "")
  (cider-auto-start t))

;;;; clojure-mode
(use-package clojure-mode
  :demand t
  :config
  (clojure-mode-global-mode 1)
  (add-hook 'text-mode-hook #'clojure-mode-mode))

;;;; company-box
(use-package company-box
  :mode "\\.com\\'"
  :commands (company-box company-box-run))

;;;; counsel
(use-package counsel
  :defer t
  :config
  (setq counsel-idle-delay 0.1))

;;;; crux
(use-package crux
  :bind ("C-c c" . crux-dwim)
  :init
  (setq crux-verbose nil))

;;;; csv-mode
(use-package csv-mode
  :hook (prog-mode . csv-mode-mode)
  :custom
  (csv-mode-lighter "")
  (csv-mode-auto-start t))

;;;; diff-hl
(use-package diff-hl
  :demand t
  :config
  (diff-hl-global-mode 1)
  (add-hook 'text-mode-hook #'diff-hl-mode))

;;;; dired-subtree
(use-package dired-subtree
  :mode "\\.dir\\'"
  :commands (dired-subtree dired-subtree-run))

;;;; dockerfile-mode
(use-package dockerfile-mode
  :defer t
  :config
  (setq dockerfile-mode-idle-delay 0.9))

;;;; easy-kill
(use-package easy-kill
  :bind ("C-c d" . easy-kill-dwim)
  :init
  (setq easy-kill-verbose nil))

;;;; editorconfig
(use-package editorconfig
  :hook (prog-mode . editorconfig-mode)
  :custom
  (editorconfig-lighter "")
  (editorconfig-auto-start t))

;;;; elfeed
(use-package elfeed
  :demand t
  :config
  (elfeed-global-mode 1)
  (add-hook 'text-mode-hook #'elfeed-mode))

;;;; Mail, part one: identity (kept near elfeed because both read ~/.netrc)
(setq user-mail-address "veronique@lambert.be"
      auth-sources '("~/.netrc" "~/.authinfo.gpg"))

;;;; emmet-mode
(use-package emmet-mode
  :mode "\\.emm\\'"
  :commands (emmet-mode emmet-mode-run))

;;;; expand-region
(use-package expand-region
  :defer t
  :config
  (setq expand-region-idle-delay 0.6))

;;;; flx
(use-package flx
  :bind ("C-c u" . flx-dwim)
  :init
  (setq flx-verbose nil))

;;;; format-all
(use-package format-all
  :hook (prog-mode . format-all-mode)
  :custom
  (format-all-lighter "")
  (format-all-auto-start t))

;;;; git-timemachine
(use-package git-timemachine
  :demand t
  :config
  (git-timemachine-global-mode 1)
  (add-hook 'text-mode-hook #'git-timemachine-mode))

;;;; go-mode
(use-package go-mode
  :mode "\\.go-\\'"
  :commands (go-mode go-mode-run))

;;;; goto-chg
(use-package goto-chg
  :defer t
  :config
  (setq goto-chg-idle-delay 0.1))

;;;; haskell-mode
(use-package haskell-mode
  :bind ("C-c s" . haskell-mode-dwim)
  :init
  (setq haskell-mode-verbose nil))

;;;; helpful
(use-package helpful
  :hook (prog-mode . helpful-mode)
  :custom
  (helpful-lighter "")
  (helpful-auto-start t))

;;;; hl-todo
(use-package hl-todo
  :demand t
  :config
  (hl-todo-global-mode 1)
  (add-hook 'text-mode-hook #'hl-todo-mode))

;;;; iedit
(use-package iedit
  :mode "\\.ied\\'"
  :commands (iedit iedit-run))

;;;; imenu-list
(use-package imenu-list
  :defer t
  :config
  (setq imenu-list-idle-delay 0.4))

;;;; ivy-rich
(use-package ivy-rich
  :bind ("C-c b" . ivy-rich-dwim)
  :init
  (setq ivy-rich-verbose nil))

;;;; json-mode
(use-package json-mode
  :hook (prog-mode . json-mode-mode)
  :custom
  (json-mode-lighter "")
  (json-mode-auto-start t))

;;;; kotlin-mode
(use-package kotlin-mode
  :demand t
  :config
  (kotlin-mode-global-mode 1)
  (add-hook 'text-mode-hook #'kotlin-mode-mode))

;;;; ledger-mode
(use-package ledger-mode
  :mode "\\.led\\'"
  :commands (ledger-mode ledger-mode-run))

;;;; lua-mode
(use-package lua-mode
  :defer t
  :config
  (setq lua-mode-idle-delay 0.2))

;;;; move-text
(use-package move-text
  :bind ("C-c p" . move-text-dwim)
  :init
  (setq move-text-verbose nil))

;;;; nix-mode
(use-package nix-mode
  :hook (prog-mode . nix-mode-mode)
  :custom
  (nix-mode-lighter "")
  (nix-mode-auto-start t))

;;;; ob-async
(use-package ob-async
  :demand t
  :config
  (ob-async-global-mode 1)
  (add-hook 'text-mode-hook #'ob-async-mode))

;;;; olivetti
(use-package olivetti
  :mode "\\.oli\\'"
  :commands (olivetti olivetti-run))

;;;; org-roam
(use-package org-roam
  :defer t
  :config
  (setq org-roam-idle-delay 0.7))

;;;; ox-hugo
(use-package ox-hugo
  :bind ("C-c c" . ox-hugo-dwim)
  :init
  (setq ox-hugo-verbose nil))

;;;; paredit
(use-package paredit
  :hook (prog-mode . paredit-mode)
  :custom
  (paredit-lighter "")
  (paredit-auto-start t))

;;;; pdf-tools
(use-package pdf-tools
  :demand t
  :config
  (pdf-tools-global-mode 1)
  (add-hook 'text-mode-hook #'pdf-tools-mode))

(pdf-loader-install)

;;;; php-mode
(use-package php-mode
  :mode "\\.php\\'"
  :commands (php-mode php-mode-run))

;;;; popper
(use-package popper
  :defer t
  :config
  (setq popper-idle-delay 0.4))

;;;; projectile
(use-package projectile
  :bind ("C-c c" . projectile-dwim)
  :init
  (setq projectile-verbose nil))

;;;; racket-mode
(use-package racket-mode
  :hook (prog-mode . racket-mode-mode)
  :custom
  (racket-mode-lighter "")
  (racket-mode-auto-start t))

;;;; rainbow-mode
(use-package rainbow-mode
  :demand t
  :config
  (rainbow-mode-global-mode 1)
  (add-hook 'text-mode-hook #'rainbow-mode-mode))

;;;; restclient
(use-package restclient
  :mode "\\.res\\'"
  :commands (restclient restclient-run))

;;;; ripgrep
(use-package ripgrep
  :defer t
  :config
  (setq ripgrep-idle-delay 0.9))

;;;; Mail, part two: the server
(use-package smtpmail
  :ensure nil
  :config
  (setq smtpmail-smtp-server "relay.proximus.be"
        smtpmail-smtp-service 587
        smtpmail-stream-type 'starttls
        smtpmail-smtp-user "veronique.lambert"))

(setq send-mail-function 'smtpmail-send-it
      message-send-mail-function 'smtpmail-send-it)

;;;; scala-mode
(use-package scala-mode
  :bind ("C-c p" . scala-mode-dwim)
  :init
  (setq scala-mode-verbose nil))

;;;; shackle
(use-package shackle
  :hook (prog-mode . shackle-mode)
  :custom
  (shackle-lighter "")
  (shackle-auto-start t))

;;;; slime
(use-package slime
  :demand t
  :config
  (slime-global-mode 1)
  (add-hook 'text-mode-hook #'slime-mode))

(setq inferior-lisp-program "sbcl")
(slime-setup '(slime-fancy slime-company))

;;;; smartparens
(use-package smartparens
  :mode "\\.sma\\'"
  :commands (smartparens smartparens-run))

;;;; sql-indent
(use-package sql-indent
  :defer t
  :config
  (setq sql-indent-idle-delay 0.1))

;;;; swiper
(use-package swiper
  :bind ("C-c u" . swiper-dwim)
  :init
  (setq swiper-verbose nil))

;;;; terraform-mode
(use-package terraform-mode
  :hook (prog-mode . terraform-mode-mode)
  :custom
  (terraform-mode-lighter "")
  (terraform-mode-auto-start t))

;;;; toml-mode
(use-package toml-mode
  :demand t
  :config
  (toml-mode-global-mode 1)
  (add-hook 'text-mode-hook #'toml-mode-mode))

;;;; tuareg
(use-package tuareg
  :mode "\\.tua\\'"
  :commands (tuareg tuareg-run))

;;;; typescript-mode
(use-package typescript-mode
  :defer t
  :config
  (setq typescript-mode-idle-delay 0.2))

;;;; undo-fu
(use-package undo-fu
  :bind ("C-c h" . undo-fu-dwim)
  :init
  (setq undo-fu-verbose nil))

;;;; vterm
(use-package vterm
  :hook (prog-mode . vterm-mode)
  :custom
  (vterm-lighter "")
  (vterm-auto-start t))

;;;; web-mode
(use-package web-mode
  :demand t
  :config
  (web-mode-global-mode 1)
  (add-hook 'text-mode-hook #'web-mode-mode))

;;;; wgrep
(use-package wgrep
  :mode "\\.wgr\\'"
  :commands (wgrep wgrep-run))

;;;; whitespace-cleanup-mode
(use-package whitespace-cleanup-mode
  :defer t
  :config
  (setq whitespace-cleanup-mode-idle-delay 0.1))

;;;; yasnippet
(use-package yasnippet
  :bind ("C-c u" . yasnippet-dwim)
  :init
  (setq yasnippet-verbose nil))

;;;; zig-mode
(use-package zig-mode
  :hook (prog-mode . zig-mode-mode)
  :custom
  (zig-mode-lighter "")
  (zig-mode-auto-start t))

;;;; Global keys
(global-set-key (kbd "C-c m 000") #'my/command-000)
(global-set-key (kbd "C-c m 001") #'my/command-001)
(global-set-key (kbd "C-c m 002") #'my/command-002)
(global-set-key (kbd "C-c m 003") #'my/command-003)
(global-set-key (kbd "C-c m 004") #'my/command-004)
(global-set-key (kbd "C-c m 005") #'my/command-005)
(global-set-key (kbd "C-c m 006") #'my/command-006)
(global-set-key (kbd "C-c m 007") #'my/command-007)
(global-set-key (kbd "C-c m 008") #'my/command-008)
(global-set-key (kbd "C-c m 009") #'my/command-009)
(global-set-key (kbd "C-c m 010") #'my/command-010)
(global-set-key (kbd "C-c m 011") #'my/command-011)
(global-set-key (kbd "C-c m 012") #'my/command-012)
(global-set-key (kbd "C-c m 013") #'my/command-013)
(global-set-key (kbd "C-c m 014") #'my/command-014)
(global-set-key (kbd "C-c m 015") #'my/command-015)
(global-set-key (kbd "C-c m 016") #'my/command-016)
(global-set-key (kbd "C-c m 017") #'my/command-017)
(global-set-key (kbd "C-c m 018") #'my/command-018)
(global-set-key (kbd "C-c m 019") #'my/command-019)
(global-set-key (kbd "C-c m 020") #'my/command-020)
(global-set-key (kbd "C-c m 021") #'my/command-021)
(global-set-key (kbd "C-c m 022") #'my/command-022)
(global-set-key (kbd "C-c m 023") #'my/command-023)
(global-set-key (kbd "C-c m 024") #'my/command-024)
(global-set-key (kbd "C-c m 025") #'my/command-025)
(global-set-key (kbd "C-c m 026") #'my/command-026)
(global-set-key (kbd "C-c m 027") #'my/command-027)
(global-set-key (kbd "C-c m 028") #'my/command-028)
(global-set-key (kbd "C-c m 029") #'my/command-029)
(global-set-key (kbd "C-c m 030") #'my/command-030)
(global-set-key (kbd "C-c m 031") #'my/command-031)
(global-set-key (kbd "C-c m 032") #'my/command-032)
(global-set-key (kbd "C-c m 033") #'my/command-033)
(global-set-key (kbd "C-c m 034") #'my/command-034)
(global-set-key (kbd "C-c m 035") #'my/command-035)
(global-set-key (kbd "C-c m 036") #'my/command-036)
(global-set-key (kbd "C-c m 037") #'my/command-037)
(global-set-key (kbd "C-c m 038") #'my/command-038)
(global-set-key (kbd "C-c m 039") #'my/command-039)
(global-set-key (kbd "C-c m 040") #'my/command-040)
(global-set-key (kbd "C-c m 041") #'my/command-041)
(global-set-key (kbd "C-c m 042") #'my/command-042)
(global-set-key (kbd "C-c m 043") #'my/command-043)
(global-set-key (kbd "C-c m 044") #'my/command-044)
(global-set-key (kbd "C-c m 045") #'my/command-045)
(global-set-key (kbd "C-c m 046") #'my/command-046)
(global-set-key (kbd "C-c m 047") #'my/command-047)
(global-set-key (kbd "C-c m 048") #'my/command-048)
(global-set-key (kbd "C-c m 049") #'my/command-049)
(global-set-key (kbd "C-c m 050") #'my/command-050)
(global-set-key (kbd "C-c m 051") #'my/command-051)
(global-set-key (kbd "C-c m 052") #'my/command-052)
(global-set-key (kbd "C-c m 053") #'my/command-053)
(global-set-key (kbd "C-c m 054") #'my/command-054)
(global-set-key (kbd "C-c m 055") #'my/command-055)
(global-set-key (kbd "C-c m 056") #'my/command-056)
(global-set-key (kbd "C-c m 057") #'my/command-057)
(global-set-key (kbd "C-c m 058") #'my/command-058)
(global-set-key (kbd "C-c m 059") #'my/command-059)
(global-set-key (kbd "C-c m 060") #'my/command-060)
(global-set-key (kbd "C-c m 061") #'my/command-061)
(global-set-key (kbd "C-c m 062") #'my/command-062)
(global-set-key (kbd "C-c m 063") #'my/command-063)
(global-set-key (kbd "C-c m 064") #'my/command-064)
(global-set-key (kbd "C-c m 065") #'my/command-065)
(global-set-key (kbd "C-c m 066") #'my/command-066)
(global-set-key (kbd "C-c m 067") #'my/command-067)
(global-set-key (kbd "C-c m 068") #'my/command-068)
(global-set-key (kbd "C-c m 069") #'my/command-069)
(global-set-key (kbd "C-c m 070") #'my/command-070)
(global-set-key (kbd "C-c m 071") #'my/command-071)
(global-set-key (kbd "C-c m 072") #'my/command-072)
(global-set-key (kbd "C-c m 073") #'my/command-073)
(global-set-key (kbd "C-c m 074") #'my/command-074)
(global-set-key (kbd "C-c m 075") #'my/command-075)
(global-set-key (kbd "C-c m 076") #'my/command-076)
(global-set-key (kbd "C-c m 077") #'my/command-077)
(global-set-key (kbd "C-c m 078") #'my/command-078)
(global-set-key (kbd "C-c m 079") #'my/command-079)
(global-set-key (kbd "C-c m 080") #'my/command-080)
(global-set-key (kbd "C-c m 081") #'my/command-081)
(global-set-key (kbd "C-c m 082") #'my/command-082)
(global-set-key (kbd "C-c m 083") #'my/command-083)
(global-set-key (kbd "C-c m 084") #'my/command-084)
(global-set-key (kbd "C-c m 085") #'my/command-085)
(global-set-key (kbd "C-c m 086") #'my/command-086)
(global-set-key (kbd "C-c m 087") #'my/command-087)
(global-set-key (kbd "C-c m 088") #'my/command-088)
(global-set-key (kbd "C-c m 089") #'my/command-089)
(global-set-key (kbd "C-c m 090") #'my/command-090)
(global-set-key (kbd "C-c m 091") #'my/command-091)
(global-set-key (kbd "C-c m 092") #'my/command-092)
(global-set-key (kbd "C-c m 093") #'my/command-093)
(global-set-key (kbd "C-c m 094") #'my/command-094)
(global-set-key (kbd "C-c m 095") #'my/command-095)
(global-set-key (kbd "C-c m 096") #'my/command-096)
(global-set-key (kbd "C-c m 097") #'my/command-097)
(global-set-key (kbd "C-c m 098") #'my/command-098)
(global-set-key (kbd "C-c m 099") #'my/command-099)
(global-set-key (kbd "C-c m 100") #'my/command-100)
(global-set-key (kbd "C-c m 101") #'my/command-101)
(global-set-key (kbd "C-c m 102") #'my/command-102)
(global-set-key (kbd "C-c m 103") #'my/command-103)
(global-set-key (kbd "C-c m 104") #'my/command-104)
(global-set-key (kbd "C-c m 105") #'my/command-105)
(global-set-key (kbd "C-c m 106") #'my/command-106)
(global-set-key (kbd "C-c m 107") #'my/command-107)
(global-set-key (kbd "C-c m 108") #'my/command-108)
(global-set-key (kbd "C-c m 109") #'my/command-109)
(global-set-key (kbd "C-c m 110") #'my/command-110)
(global-set-key (kbd "C-c m 111") #'my/command-111)
(global-set-key (kbd "C-c m 112") #'my/command-112)
(global-set-key (kbd "C-c m 113") #'my/command-113)
(global-set-key (kbd "C-c m 114") #'my/command-114)
(global-set-key (kbd "C-c m 115") #'my/command-115)
(global-set-key (kbd "C-c m 116") #'my/command-116)
(global-set-key (kbd "C-c m 117") #'my/command-117)
(global-set-key (kbd "C-c m 118") #'my/command-118)
(global-set-key (kbd "C-c m 119") #'my/command-119)

;;;; Little helpers
(defun my/command-000 ()
  "Command number 0 (bound under C-c)."
  (interactive)
  (message "command 0 in %s" (buffer-name)))

(defun my/command-001 ()
  "Command number 1 (bound under C-c)."
  (interactive)
  (message "command 1 in %s" (buffer-name)))

(defun my/command-002 ()
  "Command number 2 (bound under C-c)."
  (interactive)
  (message "command 2 in %s" (buffer-name)))

(defun my/command-003 ()
  "Command number 3 (bound under C-c)."
  (interactive)
  (message "command 3 in %s" (buffer-name)))

(defun my/command-004 ()
  "Command number 4 (bound under C-c)."
  (interactive)
  (message "command 4 in %s" (buffer-name)))

(defun my/command-005 ()
  "Command number 5 (bound under C-c)."
  (interactive)
  (message "command 5 in %s" (buffer-name)))

(defun my/command-006 ()
  "Command number 6 (bound under C-c)."
  (interactive)
  (message "command 6 in %s" (buffer-name)))

(defun my/command-007 ()
  "Command number 7 (bound under C-c)."
  (interactive)
  (message "command 7 in %s" (buffer-name)))

(defun my/command-008 ()
  "Command number 8 (bound under C-c)."
  (interactive)
  (message "command 8 in %s" (buffer-name)))

(defun my/command-009 ()
  "Command number 9 (bound under C-c)."
  (interactive)
  (message "command 9 in %s" (buffer-name)))

(defun my/command-010 ()
  "Command number 10 (bound under C-c)."
  (interactive)
  (message "command 10 in %s" (buffer-name)))

(defun my/command-011 ()
  "Command number 11 (bound under C-c)."
  (interactive)
  (message "command 11 in %s" (buffer-name)))

(defun my/command-012 ()
  "Command number 12 (bound under C-c)."
  (interactive)
  (message "command 12 in %s" (buffer-name)))

(defun my/command-013 ()
  "Command number 13 (bound under C-c)."
  (interactive)
  (message "command 13 in %s" (buffer-name)))

(defun my/command-014 ()
  "Command number 14 (bound under C-c)."
  (interactive)
  (message "command 14 in %s" (buffer-name)))

(defun my/command-015 ()
  "Command number 15 (bound under C-c)."
  (interactive)
  (message "command 15 in %s" (buffer-name)))

(defun my/command-016 ()
  "Command number 16 (bound under C-c)."
  (interactive)
  (message "command 16 in %s" (buffer-name)))

(defun my/command-017 ()
  "Command number 17 (bound under C-c)."
  (interactive)
  (message "command 17 in %s" (buffer-name)))

(defun my/command-018 ()
  "Command number 18 (bound under C-c)."
  (interactive)
  (message "command 18 in %s" (buffer-name)))

(defun my/command-019 ()
  "Command number 19 (bound under C-c)."
  (interactive)
  (message "command 19 in %s" (buffer-name)))

(defun my/command-020 ()
  "Command number 20 (bound under C-c)."
  (interactive)
  (message "command 20 in %s" (buffer-name)))

(defun my/command-021 ()
  "Command number 21 (bound under C-c)."
  (interactive)
  (message "command 21 in %s" (buffer-name)))

(defun my/command-022 ()
  "Command number 22 (bound under C-c)."
  (interactive)
  (message "command 22 in %s" (buffer-name)))

(defun my/command-023 ()
  "Command number 23 (bound under C-c)."
  (interactive)
  (message "command 23 in %s" (buffer-name)))

(defun my/command-024 ()
  "Command number 24 (bound under C-c)."
  (interactive)
  (message "command 24 in %s" (buffer-name)))

(defun my/command-025 ()
  "Command number 25 (bound under C-c)."
  (interactive)
  (message "command 25 in %s" (buffer-name)))

(defun my/command-026 ()
  "Command number 26 (bound under C-c)."
  (interactive)
  (message "command 26 in %s" (buffer-name)))

(defun my/command-027 ()
  "Command number 27 (bound under C-c)."
  (interactive)
  (message "command 27 in %s" (buffer-name)))

(defun my/command-028 ()
  "Command number 28 (bound under C-c)."
  (interactive)
  (message "command 28 in %s" (buffer-name)))

(defun my/command-029 ()
  "Command number 29 (bound under C-c)."
  (interactive)
  (message "command 29 in %s" (buffer-name)))

(defun my/command-030 ()
  "Command number 30 (bound under C-c)."
  (interactive)
  (message "command 30 in %s" (buffer-name)))

(defun my/command-031 ()
  "Command number 31 (bound under C-c)."
  (interactive)
  (message "command 31 in %s" (buffer-name)))

(defun my/command-032 ()
  "Command number 32 (bound under C-c)."
  (interactive)
  (message "command 32 in %s" (buffer-name)))

(defun my/command-033 ()
  "Command number 33 (bound under C-c)."
  (interactive)
  (message "command 33 in %s" (buffer-name)))

(defun my/command-034 ()
  "Command number 34 (bound under C-c)."
  (interactive)
  (message "command 34 in %s" (buffer-name)))

(defun my/command-035 ()
  "Command number 35 (bound under C-c)."
  (interactive)
  (message "command 35 in %s" (buffer-name)))

(defun my/command-036 ()
  "Command number 36 (bound under C-c)."
  (interactive)
  (message "command 36 in %s" (buffer-name)))

(defun my/command-037 ()
  "Command number 37 (bound under C-c)."
  (interactive)
  (message "command 37 in %s" (buffer-name)))

(defun my/command-038 ()
  "Command number 38 (bound under C-c)."
  (interactive)
  (message "command 38 in %s" (buffer-name)))

(defun my/command-039 ()
  "Command number 39 (bound under C-c)."
  (interactive)
  (message "command 39 in %s" (buffer-name)))

(defun my/command-040 ()
  "Command number 40 (bound under C-c)."
  (interactive)
  (message "command 40 in %s" (buffer-name)))

(defun my/command-041 ()
  "Command number 41 (bound under C-c)."
  (interactive)
  (message "command 41 in %s" (buffer-name)))

(defun my/command-042 ()
  "Command number 42 (bound under C-c)."
  (interactive)
  (message "command 42 in %s" (buffer-name)))

(defun my/command-043 ()
  "Command number 43 (bound under C-c)."
  (interactive)
  (message "command 43 in %s" (buffer-name)))

(defun my/command-044 ()
  "Command number 44 (bound under C-c)."
  (interactive)
  (message "command 44 in %s" (buffer-name)))

(defun my/command-045 ()
  "Command number 45 (bound under C-c)."
  (interactive)
  (message "command 45 in %s" (buffer-name)))

(defun my/command-046 ()
  "Command number 46 (bound under C-c)."
  (interactive)
  (message "command 46 in %s" (buffer-name)))

(defun my/command-047 ()
  "Command number 47 (bound under C-c)."
  (interactive)
  (message "command 47 in %s" (buffer-name)))

(defun my/command-048 ()
  "Command number 48 (bound under C-c)."
  (interactive)
  (message "command 48 in %s" (buffer-name)))

(defun my/command-049 ()
  "Command number 49 (bound under C-c)."
  (interactive)
  (message "command 49 in %s" (buffer-name)))

(defun my/command-050 ()
  "Command number 50 (bound under C-c)."
  (interactive)
  (message "command 50 in %s" (buffer-name)))

(defun my/command-051 ()
  "Command number 51 (bound under C-c)."
  (interactive)
  (message "command 51 in %s" (buffer-name)))

(defun my/command-052 ()
  "Command number 52 (bound under C-c)."
  (interactive)
  (message "command 52 in %s" (buffer-name)))

(defun my/command-053 ()
  "Command number 53 (bound under C-c)."
  (interactive)
  (message "command 53 in %s" (buffer-name)))

(defun my/command-054 ()
  "Command number 54 (bound under C-c)."
  (interactive)
  (message "command 54 in %s" (buffer-name)))

(defun my/command-055 ()
  "Command number 55 (bound under C-c)."
  (interactive)
  (message "command 55 in %s" (buffer-name)))

(defun my/command-056 ()
  "Command number 56 (bound under C-c)."
  (interactive)
  (message "command 56 in %s" (buffer-name)))

(defun my/command-057 ()
  "Command number 57 (bound under C-c)."
  (interactive)
  (message "command 57 in %s" (buffer-name)))

(defun my/command-058 ()
  "Command number 58 (bound under C-c)."
  (interactive)
  (message "command 58 in %s" (buffer-name)))

(defun my/command-059 ()
  "Command number 59 (bound under C-c)."
  (interactive)
  (message "command 59 in %s" (buffer-name)))

(defun my/command-060 ()
  "Command number 60 (bound under C-c)."
  (interactive)
  (message "command 60 in %s" (buffer-name)))

(defun my/command-061 ()
  "Command number 61 (bound under C-c)."
  (interactive)
  (message "command 61 in %s" (buffer-name)))

(defun my/command-062 ()
  "Command number 62 (bound under C-c)."
  (interactive)
  (message "command 62 in %s" (buffer-name)))

(defun my/command-063 ()
  "Command number 63 (bound under C-c)."
  (interactive)
  (message "command 63 in %s" (buffer-name)))

(defun my/command-064 ()
  "Command number 64 (bound under C-c)."
  (interactive)
  (message "command 64 in %s" (buffer-name)))

(defun my/command-065 ()
  "Command number 65 (bound under C-c)."
  (interactive)
  (message "command 65 in %s" (buffer-name)))

(defun my/command-066 ()
  "Command number 66 (bound under C-c)."
  (interactive)
  (message "command 66 in %s" (buffer-name)))

(defun my/command-067 ()
  "Command number 67 (bound under C-c)."
  (interactive)
  (message "command 67 in %s" (buffer-name)))

(defun my/command-068 ()
  "Command number 68 (bound under C-c)."
  (interactive)
  (message "command 68 in %s" (buffer-name)))

(defun my/command-069 ()
  "Command number 69 (bound under C-c)."
  (interactive)
  (message "command 69 in %s" (buffer-name)))

(defun my/command-070 ()
  "Command number 70 (bound under C-c)."
  (interactive)
  (message "command 70 in %s" (buffer-name)))

(defun my/command-071 ()
  "Command number 71 (bound under C-c)."
  (interactive)
  (message "command 71 in %s" (buffer-name)))

(defun my/command-072 ()
  "Command number 72 (bound under C-c)."
  (interactive)
  (message "command 72 in %s" (buffer-name)))

(defun my/command-073 ()
  "Command number 73 (bound under C-c)."
  (interactive)
  (message "command 73 in %s" (buffer-name)))

(defun my/command-074 ()
  "Command number 74 (bound under C-c)."
  (interactive)
  (message "command 74 in %s" (buffer-name)))

(defun my/command-075 ()
  "Command number 75 (bound under C-c)."
  (interactive)
  (message "command 75 in %s" (buffer-name)))

(defun my/command-076 ()
  "Command number 76 (bound under C-c)."
  (interactive)
  (message "command 76 in %s" (buffer-name)))

(defun my/command-077 ()
  "Command number 77 (bound under C-c)."
  (interactive)
  (message "command 77 in %s" (buffer-name)))

(defun my/command-078 ()
  "Command number 78 (bound under C-c)."
  (interactive)
  (message "command 78 in %s" (buffer-name)))

(defun my/command-079 ()
  "Command number 79 (bound under C-c)."
  (interactive)
  (message "command 79 in %s" (buffer-name)))

(defun my/command-080 ()
  "Command number 80 (bound under C-c)."
  (interactive)
  (message "command 80 in %s" (buffer-name)))

(defun my/command-081 ()
  "Command number 81 (bound under C-c)."
  (interactive)
  (message "command 81 in %s" (buffer-name)))

(defun my/command-082 ()
  "Command number 82 (bound under C-c)."
  (interactive)
  (message "command 82 in %s" (buffer-name)))

(defun my/command-083 ()
  "Command number 83 (bound under C-c)."
  (interactive)
  (message "command 83 in %s" (buffer-name)))

(defun my/command-084 ()
  "Command number 84 (bound under C-c)."
  (interactive)
  (message "command 84 in %s" (buffer-name)))

(defun my/command-085 ()
  "Command number 85 (bound under C-c)."
  (interactive)
  (message "command 85 in %s" (buffer-name)))

(defun my/command-086 ()
  "Command number 86 (bound under C-c)."
  (interactive)
  (message "command 86 in %s" (buffer-name)))

(defun my/command-087 ()
  "Command number 87 (bound under C-c)."
  (interactive)
  (message "command 87 in %s" (buffer-name)))

(defun my/command-088 ()
  "Command number 88 (bound under C-c)."
  (interactive)
  (message "command 88 in %s" (buffer-name)))

(defun my/command-089 ()
  "Command number 89 (bound under C-c)."
  (interactive)
  (message "command 89 in %s" (buffer-name)))

(defun my/command-090 ()
  "Command number 90 (bound under C-c)."
  (interactive)
  (message "command 90 in %s" (buffer-name)))

(defun my/command-091 ()
  "Command number 91 (bound under C-c)."
  (interactive)
  (message "command 91 in %s" (buffer-name)))

(defun my/command-092 ()
  "Command number 92 (bound under C-c)."
  (interactive)
  (message "command 92 in %s" (buffer-name)))

(defun my/command-093 ()
  "Command number 93 (bound under C-c)."
  (interactive)
  (message "command 93 in %s" (buffer-name)))

(defun my/command-094 ()
  "Command number 94 (bound under C-c)."
  (interactive)
  (message "command 94 in %s" (buffer-name)))

(defun my/command-095 ()
  "Command number 95 (bound under C-c)."
  (interactive)
  (message "command 95 in %s" (buffer-name)))

(defun my/command-096 ()
  "Command number 96 (bound under C-c)."
  (interactive)
  (message "command 96 in %s" (buffer-name)))

(defun my/command-097 ()
  "Command number 97 (bound under C-c)."
  (interactive)
  (message "command 97 in %s" (buffer-name)))

(defun my/command-098 ()
  "Command number 98 (bound under C-c)."
  (interactive)
  (message "command 98 in %s" (buffer-name)))

(defun my/command-099 ()
  "Command number 99 (bound under C-c)."
  (interactive)
  (message "command 99 in %s" (buffer-name)))

(defun my/command-100 ()
  "Command number 100 (bound under C-c)."
  (interactive)
  (message "command 100 in %s" (buffer-name)))

(defun my/command-101 ()
  "Command number 101 (bound under C-c)."
  (interactive)
  (message "command 101 in %s" (buffer-name)))

(defun my/command-102 ()
  "Command number 102 (bound under C-c)."
  (interactive)
  (message "command 102 in %s" (buffer-name)))

(defun my/command-103 ()
  "Command number 103 (bound under C-c)."
  (interactive)
  (message "command 103 in %s" (buffer-name)))

(defun my/command-104 ()
  "Command number 104 (bound under C-c)."
  (interactive)
  (message "command 104 in %s" (buffer-name)))

(defun my/command-105 ()
  "Command number 105 (bound under C-c)."
  (interactive)
  (message "command 105 in %s" (buffer-name)))

(defun my/command-106 ()
  "Command number 106 (bound under C-c)."
  (interactive)
  (message "command 106 in %s" (buffer-name)))

(defun my/command-107 ()
  "Command number 107 (bound under C-c)."
  (interactive)
  (message "command 107 in %s" (buffer-name)))

(defun my/command-108 ()
  "Command number 108 (bound under C-c)."
  (interactive)
  (message "command 108 in %s" (buffer-name)))

(defun my/command-109 ()
  "Command number 109 (bound under C-c)."
  (interactive)
  (message "command 109 in %s" (buffer-name)))

(defun my/command-110 ()
  "Command number 110 (bound under C-c)."
  (interactive)
  (message "command 110 in %s" (buffer-name)))

(defun my/command-111 ()
  "Command number 111 (bound under C-c)."
  (interactive)
  (message "command 111 in %s" (buffer-name)))

(defun my/command-112 ()
  "Command number 112 (bound under C-c)."
  (interactive)
  (message "command 112 in %s" (buffer-name)))

(defun my/command-113 ()
  "Command number 113 (bound under C-c)."
  (interactive)
  (message "command 113 in %s" (buffer-name)))

(defun my/command-114 ()
  "Command number 114 (bound under C-c)."
  (interactive)
  (message "command 114 in %s" (buffer-name)))

(defun my/command-115 ()
  "Command number 115 (bound under C-c)."
  (interactive)
  (message "command 115 in %s" (buffer-name)))

(defun my/command-116 ()
  "Command number 116 (bound under C-c)."
  (interactive)
  (message "command 116 in %s" (buffer-name)))

(defun my/command-117 ()
  "Command number 117 (bound under C-c)."
  (interactive)
  (message "command 117 in %s" (buffer-name)))

(defun my/command-118 ()
  "Command number 118 (bound under C-c)."
  (interactive)
  (message "command 118 in %s" (buffer-name)))

(defun my/command-119 ()
  "Command number 119 (bound under C-c)."
  (interactive)
  (message "command 119 in %s" (buffer-name)))

;;;; Org
(with-eval-after-load 'org
  (setq org-todo-keywords '((sequence "TODO(t)" "NEXT(n)" "|" "DONE(d)"))
        org-agenda-span 'week))

;;;; Mail, part three: message
(with-eval-after-load 'message
  (setq message-signature "Véronique"
        message-kill-buffer-on-exit t))
(setq mail-user-agent 'message-user-agent)

;;;; Local
(let ((local (locate-user-emacs-file "local.el")))
  (when (file-exists-p local) (load local)))

;;; init.el ends here
