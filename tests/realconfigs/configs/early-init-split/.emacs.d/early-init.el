;;; early-init.el -*- lexical-binding: t -*-
(setq package-enable-at-startup nil)
(setq gc-cons-threshold most-positive-fixnum
      gc-cons-percentage 0.6)
(push '(menu-bar-lines . 0) default-frame-alist)
(push '(tool-bar-lines . 0) default-frame-alist)
(setq frame-inhibit-implied-resize t)
(setq user-full-name "Early Bird")
